import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { uploadRetentionSuite } from "./suites/upload-retention";

// A create racing the sweep on real PostgreSQL, where the transactions overlap.
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (pg)", () => uploadRetentionSuite("pg"));
