import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { outputsSuite } from "./suites/outputs";

// Runs when TEST_DATABASE_URL is set (CI sets it).
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (pg)", () => outputsSuite("pg"));
