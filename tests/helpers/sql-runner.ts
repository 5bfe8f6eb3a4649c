import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { SqlRunner } from "./seed-generations";

// Raw SQL on a database the test or benchmark opened itself (not through the app): a PGlite data
// directory or one PostgreSQL connection. One connection, so setseed() and SET apply throughout.

export type OpenedRunner = SqlRunner & { close(): Promise<void>; kind: "pglite" | "pg" };

/** Opens a PGlite data directory the way the product does (with pg_trgm), already migrated. */
export async function openPgliteRunner(dataDir: string): Promise<OpenedRunner & { client: PGlite }> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const client = new PGlite({ dataDir: path.resolve(dataDir), extensions: { pg_trgm } });
  await client.waitReady;
  return {
    kind: "pglite",
    client,
    exec: async (sql) => {
      await client.exec(sql);
    },
    rows: async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows,
    close: () => client.close(),
  };
}

export async function openPgRunner(url: string): Promise<OpenedRunner & { client: pg.Client }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    kind: "pg",
    client,
    exec: async (sql) => {
      await client.query(sql);
    },
    rows: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}
