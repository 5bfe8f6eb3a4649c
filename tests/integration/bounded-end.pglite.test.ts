import { boundedEndSuite } from "./suites/bounded-end";

boundedEndSuite("pglite");
