import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { copiesQueueSuite } from "./suites/copies-queue";

// Runs when TEST_DATABASE_URL is set (CI sets it): the renewal and the sweeper's takeover race on
// real transactions there.
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (pg)", () => copiesQueueSuite("pg"));
