import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { databaseEnv } from "../env";
import { lockPgliteFolder } from "./pglite-lock";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** Subscribes to a NOTIFY channel; resolves to its unsubscribe. */
/**
 * Subscribes to a NOTIFY channel. `onLost` is called once if the subscription ends without being
 * unsubscribed: with the error when its connection failed or closed (a database restart; the
 * caller may subscribe again), with null when the handle itself was closed. Nothing more is
 * heard on it after that.
 */
export type Listen = (
  channel: string,
  onPayload: (payload: string) => void,
  onLost: (error: Error | null) => void,
) => Promise<() => Promise<void>>;
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
  const subscriptions = new Set<() => void>();
  let closing = false;
  const close = async () => {
    closing = true;
    for (const closed of [...subscriptions]) closed();
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
      if (closing) throw new Error("the database handle was closed");
      const stop = await client.listen(channel, onPayload);
      if (closing) {
        await stop();
        throw new Error("the database handle was closed");
      }
      const unsubscribe = async () => {
        subscriptions.delete(closed);
        await stop();
      };
      // In process: only closing the handle ends it.
      const closed = () => {
        subscriptions.delete(closed);
        onLost(null);
      };
      subscriptions.add(closed);
      return unsubscribe;
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
  /** Each subscription's end, called when the handle closes. */
  const listeners = new Set<() => Promise<void>>();
  /** Set once close() starts: a subscription still connecting then fails instead of outliving the handle. */
  let closing = false;
  // One connection per subscription, outside the pool: a LISTEN must stay on its connection.
  const listen: Listen = async (channel, onPayload, onLost) => {
    // Keepalive probes from 10 s of silence: a dead connection is noticed, not trusted for hours.
    const client = new Client({
      connectionString: url,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // Until the LISTEN is in place a failure is the caller's error to handle, not a loss.
    let ended = true;
    /** Ends the subscription once, telling the subscriber unless it asked (`reason` undefined). */
    const end = async (reason?: Error | null) => {
      if (ended) return;
      ended = true;
      listeners.delete(closed);
      if (reason !== undefined) onLost(reason);
      await client.end().catch(() => {});
    };
    const unsubscribe = () => end();
    const lost = (error: Error) => void end(error);
    const closed = () => end(null);
    client.on("error", (error) => {
      console.error("[db] listener error", error.message);
      lost(error);
    });
    client.on("end", () => lost(new Error("listener connection closed")));
    client.on("notification", (n) => {
      if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
    });
    try {
      await client.connect();
      await client.query(`listen "${channel.replace(/"/g, "")}"`);
      if (closing) throw new Error("the database handle was closed");
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    ended = false;
    listeners.add(closed);
    return unsubscribe;
  };
  const close = async () => {
    closing = true;
    await Promise.all([...listeners].map((closed) => closed()));
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
