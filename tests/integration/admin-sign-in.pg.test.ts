import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { adminSignInSuite } from "./suites/admin-sign-in";

// Real PostgreSQL through node-postgres; runs when TEST_DATABASE_URL is set (CI sets it).
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (pg)", () => adminSignInSuite("pg"));
