import { readdirSync } from "node:fs";

/** Test files that run only against a PostgreSQL server (TEST_DATABASE_URL): the pg and Neon suites. */
export const SERVER_ONLY_FILES = ["tests/**/*.pg.test.ts", "tests/**/*.neon.test.ts"];

export const countServerOnlyFiles = (root: string): number =>
  readdirSync(`${root}/tests`, { recursive: true }).filter((f) => /\.(pg|neon)\.test\.ts$/.test(String(f))).length;
