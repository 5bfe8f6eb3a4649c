import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../helpers/test-app";
import { createTestDatabase } from "../helpers/test-database";

// `npm run db:migrate` as a person runs it: only DATABASE_URL set (no app secrets), twice.
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const migrate = (env: Record<string, string>) => {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DATABASE_|SESSION_SECRET|ADMIN_PASSWORD|DATA_DIR|REPLICATE_)/.test(k)),
  );
  return run(path.join(root, "node_modules/.bin/tsx"), ["scripts/db-migrate.ts"], {
    cwd: root,
    env: { ...clean, ...env } as NodeJS.ProcessEnv,
  });
};

// Each case spawns tsx (and PGlite's initdb): slow on a loaded 2-core machine.
describe("npm run db:migrate", { timeout: 90_000 }, () => {
  it("migrates the embedded PGlite database under DATA_DIR", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "migrate-"));
    try {
      expect((await migrate({ DATA_DIR: dataDir })).stdout).toContain("pglite driver");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.skipIf(!testDatabaseUrl())("migrates a real PostgreSQL database with only DATABASE_URL set, idempotently", async () => {
    const database = await createTestDatabase(testDatabaseUrl() as string);
    try {
      expect((await migrate({ DATABASE_URL: database.url })).stdout).toContain("pg driver");
      expect((await migrate({ DATABASE_URL: database.url })).stdout).toContain("pg driver");
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query("select tablename from pg_tables where schemaname = 'public' order by 1");
      await client.end();
      expect(rows.map((r) => r.tablename)).toEqual([
        "admin_sessions",
        "generation_deletions",
        "generation_groups",
        "generation_outputs",
        "generation_uploads",
        "generations",
        "rate_limits",
        "uploads",
        "usage_days",
        "usage_model_days",
        "usage_owner_days",
        "webhook_events",
      ]);
    } finally {
      await database.drop();
    }
  });
});
