import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openNodePostgres } from "../../src/lib/db/drivers";
import { migrateDatabase } from "../../src/lib/db/migrate";
import { copyPgliteTemplate } from "../helpers/pglite-template";
import { type OpenedRunner, openPgliteRunner, openPgRunner } from "../helpers/sql-runner";
import { createTestDatabase } from "../helpers/test-database";

// The database a benchmark run uses: a PGlite data directory (the default), or a fresh database
// on the local PostgreSQL named by BENCH_DATABASE_URL (any other host is refused), dropped at
// the end. The bench seeds it directly through `open()`, only while the app is stopped (PGlite
// has one owner at a time).

export type BenchDatabase = {
  kind: "pglite" | "pg";
  /** Where the app keeps its files (and, on PGlite, its database). */
  dataDir: string;
  /** What `next start` needs to use it. */
  appEnv: Record<string, string>;
  open(): Promise<OpenedRunner>;
  version(): Promise<string>;
  /** A copy of this database (closed: no app may be using it). */
  clone(): Promise<BenchDatabase>;
  drop(): Promise<void>;
};

export async function openBenchDatabase(pgliteTemplate: string): Promise<BenchDatabase> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) return pgliteDatabase(pgliteTemplate);
  // createTestDatabase refuses anything but a local server.
  const database = await createTestDatabase(serverUrl);
  const handle = await openNodePostgres(database.url);
  await migrateDatabase(handle);
  await handle.close();
  return pgDatabase(serverUrl, database);
}

function pgliteDatabase(source: string): BenchDatabase {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-"));
  const pgliteDir = path.join(dataDir, "pglite");
  copyPgliteTemplate(source, pgliteDir);
  const open = () => openPgliteRunner(pgliteDir);
  return {
    kind: "pglite",
    dataDir,
    appEnv: { DATA_DIR: dataDir },
    open,
    version: () => versionOf(open),
    clone: async () => pgliteDatabase(pgliteDir),
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

function pgDatabase(serverUrl: string, database: { url: string; drop: () => Promise<void> }): BenchDatabase {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-"));
  const open = () => openPgRunner(database.url);
  return {
    kind: "pg",
    dataDir,
    appEnv: { DATA_DIR: dataDir, DATABASE_URL: database.url, DATABASE_DRIVER: "pg" },
    open,
    version: () => versionOf(open),
    // A file-level copy (CREATE DATABASE … TEMPLATE): seconds, where seeding again takes minutes.
    clone: async () =>
      pgDatabase(serverUrl, await createTestDatabase(serverUrl, { template: new URL(database.url).pathname.slice(1) })),
    drop: async () => {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function versionOf(open: () => Promise<OpenedRunner>): Promise<string> {
  const runner = await open();
  try {
    const [row] = await runner.rows<{ v: string }>("select current_setting('server_version') as v");
    return row?.v ?? "?";
  } finally {
    await runner.close();
  }
}

/** Runs `work` on the database, opened and closed around it. */
export async function withDatabase<T>(db: BenchDatabase, work: (runner: OpenedRunner) => Promise<T>): Promise<T> {
  const runner = await db.open();
  try {
    return await work(runner);
  } finally {
    await runner.close();
  }
}
