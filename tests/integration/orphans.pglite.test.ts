import { orphansSuite } from "./suites/orphans";

orphansSuite("pglite");
