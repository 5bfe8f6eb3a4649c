import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { groupsSuite } from "./suites/groups";

// Overlapping group requests on real PostgreSQL: all or none of each group under the owner's lock.
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (pg)", () => groupsSuite("pg"));
