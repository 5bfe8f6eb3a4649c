import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { boundedEndSuite } from "./suites/bounded-end";

// Runs when TEST_DATABASE_URL is set (CI sets it).
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (pg)", () => boundedEndSuite("pg"));
