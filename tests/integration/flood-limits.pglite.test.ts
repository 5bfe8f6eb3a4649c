import { floodLimitsSuite } from "./suites/flood-limits";

// PGlite is one process's database: one instance, the same limits.
floodLimitsSuite("pglite", 1);
