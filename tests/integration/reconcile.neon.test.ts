import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { reconcileSuite } from "./suites/reconcile";

// The reconciler's claim through the production Neon driver; runs when TEST_DATABASE_URL is set (CI sets it).
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (neon driver)", () => reconcileSuite("neon"));
