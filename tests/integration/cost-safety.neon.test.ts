import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { costSafetySuite } from "./suites/cost-safety";

// Overlapping transactions: what the per-owner lock is for. Runs when TEST_DATABASE_URL is set (CI sets it).
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (neon driver)", () => costSafetySuite("neon"));
