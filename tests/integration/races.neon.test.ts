import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { racesSuite } from "./suites/races";

// Runs when TEST_DATABASE_URL is set (CI sets it).
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (neon driver)", () => racesSuite("neon"));
