import type { Client as PgClient } from "pg";

// NOTIFY subscriptions of a database handle (drivers.ts): the contract, the bookkeeping that
// ends them when their handle closes, and PostgreSQL's own LISTEN connection.

/**
 * Subscribes to a NOTIFY channel; resolves to its unsubscribe. `onLost` is called once if the
 * subscription ends without being unsubscribed: with the error when its connection failed or
 * closed (a database restart; the caller may subscribe again), with null when the handle itself
 * was closed. Nothing more is heard on it after that.
 */
export type Listen = (
  channel: string,
  onPayload: (payload: string) => void,
  onLost: (error: Error | null) => void,
) => Promise<() => Promise<void>>;

/**
 * The subscriptions of one handle: closing the handle ends each one (its subscriber hears
 * `onLost(null)`), and none may start once closing has begun.
 */
export function handleSubscriptions() {
  const ends = new Set<() => Promise<void> | void>();
  let closing = false;
  return {
    assertOpen() {
      if (closing) throw new Error("the database handle was closed");
    },
    /** Registers what closing the handle must end; answers its removal (for a subscription that ends first). */
    add(end: () => Promise<void> | void): () => void {
      ends.add(end);
      return () => ends.delete(end);
    },
    async closeAll() {
      closing = true;
      await Promise.all([...ends].map((end) => end()));
    },
  };
}

export type HandleSubscriptions = ReturnType<typeof handleSubscriptions>;

/**
 * LISTEN on PostgreSQL: one connection per subscription, outside the pool (a LISTEN must stay on
 * its connection). `Client` is pg's, passed in so PGlite mode never loads pg.
 */
export function pgListen(Client: typeof PgClient, url: string, subscriptions: HandleSubscriptions): Listen {
  return async (channel, onPayload, onLost) => {
    // Keepalive probes from 10 s of silence: a dead connection is noticed, not trusted for hours.
    const client = new Client({
      connectionString: url,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // Until the LISTEN is in place a failure is the caller's error to handle, not a loss.
    let ended = true;
    let remove = () => {};
    /** Ends the subscription once, telling the subscriber unless it asked (`reason` undefined). */
    const end = async (reason?: Error | null) => {
      if (ended) return;
      ended = true;
      remove();
      if (reason !== undefined) onLost(reason);
      await client.end().catch(() => {});
    };
    client.on("error", (error) => {
      console.error("[db] listener error", error.message);
      void end(error);
    });
    client.on("end", () => void end(new Error("listener connection closed")));
    client.on("notification", (n) => {
      if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
    });
    try {
      await client.connect();
      await client.query(`listen "${channel.replace(/"/g, "")}"`);
      // The handle began closing meanwhile: this subscription must not outlive it.
      subscriptions.assertOpen();
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    ended = false;
    remove = subscriptions.add(() => end(null));
    return () => end();
  };
}
