import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { reconcileSuite } from "./suites/reconcile";

// Concurrent reconciler runs over a real connection pool; runs when TEST_DATABASE_URL is set (CI sets it).
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (pg)", () => reconcileSuite("pg"));
