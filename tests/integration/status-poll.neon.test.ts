import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { statusPollSuite } from "./suites/status-poll";

// The production Neon driver (Pool over WebSocket) against the machine's PostgreSQL through a
// local WebSocket-to-TCP proxy; runs when TEST_DATABASE_URL is set (CI sets it).
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (neon driver)", () => statusPollSuite("neon"));
