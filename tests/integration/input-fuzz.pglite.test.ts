import { inputFuzzSuite } from "./suites/input-fuzz";

// A short run on PGlite, so `npm test` without a PostgreSQL server still sends every case.
inputFuzzSuite("pglite", 60);
