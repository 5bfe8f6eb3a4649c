import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { floodLimitsSuite } from "./suites/flood-limits";

// Two app instances on one PostgreSQL database: the limits hold across instances. Runs when TEST_DATABASE_URL is set.
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (pg)", () => floodLimitsSuite("pg", 2));
