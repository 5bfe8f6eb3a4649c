import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { queryPlanSuite } from "./suites/query-plans";

// Real PostgreSQL through node-postgres; runs when TEST_DATABASE_URL is set (CI sets it).
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (pg)", () => queryPlanSuite("pg"));
