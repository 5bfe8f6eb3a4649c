import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { orphansSuite } from "./suites/orphans";

// Runs when TEST_DATABASE_URL is set (CI sets it).
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (pg)", () => orphansSuite("pg"));
