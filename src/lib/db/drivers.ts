import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { databaseEnv } from "../env";
import { handleSubscriptions, type Listen, pgListen } from "./listen";
import { lockPgliteFolder } from "./pglite-lock";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbHandle = {
  db: Db;
  driver: "pglite" | "pg" | "neon";
  close: () => Promise<void>;
  /** LISTEN, where the driver keeps a connection for it (not Neon's serverless pool: null). */
  listen: Listen | null;
};

export const migrationsFolder = path.join(process.cwd(), "drizzle");

/**
 * Embedded Postgres (WASM). `dataDir` undefined → in memory. Migrated on open. The folder is
 * locked for this process: a second process fails here with a message saying who holds it.
 */
export async function openPglite(dataDir: string | undefined): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  // pg_trgm backs the admin console's prompt search (migration 0003_pg_trgm creates it); PGlite
  // ships it as a separate bundle that must be loaded on every open, not only the first.
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (dataDir) mkdirSync(path.dirname(dataDir), { recursive: true });
  const unlock = dataDir ? lockPgliteFolder(dataDir) : () => {};
  let client: InstanceType<typeof PGlite>;
  try {
    // One options object: `new PGlite(undefined, options)` ignores the options.
    client = new PGlite({ dataDir, extensions: { pg_trgm } });
  } catch (error) {
    unlock();
    throw error;
  }
  const subscriptions = handleSubscriptions();
  const close = async () => {
    await subscriptions.closeAll();
    try {
      await client.close();
    } finally {
      unlock();
    }
  };
  try {
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    const listen: Listen = async (channel, onPayload, onLost) => {
      subscriptions.assertOpen();
      const stop = await client.listen(channel, onPayload);
      try {
        subscriptions.assertOpen();
      } catch (error) {
        await stop();
        throw error;
      }
      // In process: only closing the handle ends it.
      const remove = subscriptions.add(() => {
        remove();
        onLost(null);
      });
      return async () => {
        remove();
        await stop();
      };
    };
    return { db: db as unknown as Db, driver: "pglite", close, listen };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}

/**
 * How long a query waits for a pooled connection (pg counts both the wait for a free client and the
 * connect). An unreachable server still fails at once (connection refused → 503); this bound only
 * has to outlast a burst queued behind ten busy connections, which under load took over 5 s.
 */
const POOL_WAIT_MS = 15_000;

/** Any Postgres over TCP (self-hosted). */
export async function openNodePostgres(url: string): Promise<DbHandle> {
  const { Pool, Client } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: POOL_WAIT_MS });
  pool.on("error", (error) => console.error("[db] idle client error", error.message));
  const subscriptions = handleSubscriptions();
  const listen = pgListen(Client, url, subscriptions);
  const close = async () => {
    await subscriptions.closeAll();
    await pool.end();
  };
  return { db: drizzle(pool, { schema }) as unknown as Db, driver: "pg", close, listen };
}

/** Neon's serverless Pool over WebSocket: unlike its HTTP driver, it has interactive transactions. */
export async function openNeon(url: string): Promise<DbHandle> {
  const { Pool, neonConfig } = await import("@neondatabase/serverless");
  const { drizzle } = await import("drizzle-orm/neon-serverless");
  if (!neonConfig.webSocketConstructor && typeof WebSocket === "undefined") {
    neonConfig.webSocketConstructor = (await import("ws")).default;
  }
  const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: POOL_WAIT_MS });
  pool.on("error", (error: Error) => console.error("[db] idle client error", error.message));
  return { db: drizzle(pool, { schema }) as unknown as Db, driver: "neon", close: () => pool.end(), listen: null };
}

function pickDriver(url: string | undefined): DbHandle["driver"] {
  const configured = databaseEnv().DATABASE_DRIVER;
  if (configured) return configured;
  if (!url || url.startsWith("memory:")) return "pglite";
  return new URL(url).hostname.endsWith(".neon.tech") ? "neon" : "pg";
}

/** Opens the database the environment describes: no DATABASE_URL → PGlite under DATA_DIR. */
export function openConfiguredDatabase(): Promise<DbHandle> {
  const { DATABASE_URL: url, DATA_DIR } = databaseEnv();
  const driver = pickDriver(url);
  if (driver === "pglite") return openPglite(url?.startsWith("memory:") ? undefined : path.join(DATA_DIR, "pglite"));
  if (!url) throw new Error("DATABASE_URL is required for the pg and neon drivers");
  return driver === "neon" ? openNeon(url) : openNodePostgres(url);
}
