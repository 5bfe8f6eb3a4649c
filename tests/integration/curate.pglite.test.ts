import { curateSuite } from "./suites/curate";

curateSuite("pglite");
