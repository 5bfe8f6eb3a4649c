import { describe } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { curateSuite } from "./suites/curate";

// Delete racing the outputs webhook on real PostgreSQL, where the transactions overlap.
describe.skipIf(!testDatabaseUrl())("real PostgreSQL (pg)", () => curateSuite("pg"));
