import "server-only";
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { rateLimits } from "./schema";
import type { Executor } from "./types";

// Fixed-window counters shared by every instance. One atomic statement per hit: two app
// processes on one database count exactly like one. Times come from the database clock, never
// an instance's. Callers pass short keys (hashes), never raw client input.

export type RateLimitHit = { count: number /** Seconds until the window resets (≥ 1). */; secondsLeft: number };

/**
 * Counts one hit against `key`: starts a new window (count 1) when none exists or the current
 * one has expired, else adds one.
 */
export async function hitRateLimit(
  db: Executor,
  { key, windowSeconds }: { key: string; windowSeconds: number },
): Promise<RateLimitHit> {
  const r = rateLimits;
  const window = sql`make_interval(secs => ${windowSeconds}::int)`;
  // In ON CONFLICT ... SET, bare column names read the existing row, so every CASE agrees.
  const expired = sql`${r.expiresAt} <= now()`;
  const [row] = await db
    .insert(r)
    .values({ key, count: 1, windowStartedAt: sql`now()`, expiresAt: sql`now() + ${window}` })
    .onConflictDoUpdate({
      target: r.key,
      set: {
        count: sql`case when ${expired} then 1 else ${r.count} + 1 end`,
        windowStartedAt: sql`case when ${expired} then now() else ${r.windowStartedAt} end`,
        expiresAt: sql`case when ${expired} then now() + ${window} else ${r.expiresAt} end`,
      },
    })
    .returning({
      count: r.count,
      secondsLeft: sql<number>`greatest(1, ceil(extract(epoch from (${r.expiresAt} - now()))))::int`,
    });
  if (!row) throw new Error("rate limit upsert returned no row");
  return { count: row.count, secondsLeft: Number(row.secondsLeft) };
}

/** The count of `key`'s live window without adding to it (0 when none or expired). */
export async function peekRateLimit(db: Executor, key: string): Promise<RateLimitHit> {
  const r = rateLimits;
  const [row] = await db
    .select({
      count: r.count,
      secondsLeft: sql<number>`greatest(1, ceil(extract(epoch from (${r.expiresAt} - now()))))::int`,
    })
    .from(r)
    .where(sql`${r.key} = ${key} and ${r.expiresAt} > now()`);
  return row ? { count: row.count, secondsLeft: Number(row.secondsLeft) } : { count: 0, secondsLeft: 0 };
}

export async function clearRateLimit(db: Executor, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/**
 * Deletes up to `limit` expired windows (oldest first, through the expires_at index), so the
 * table holds only live windows. Called on the hits that can create rows; bounded per call so
 * no single request pays for a backlog.
 */
export async function pruneRateLimits(db: Executor, limit = 200): Promise<number> {
  const expired = db
    .select({ key: rateLimits.key })
    .from(rateLimits)
    .where(lte(rateLimits.expiresAt, sql`now()`))
    .orderBy(rateLimits.expiresAt)
    .limit(limit);
  // The expiry is checked again on the row itself: a window a concurrent hit just restarted is
  // live again and stays (Postgres re-evaluates the condition on the updated row).
  const deleted = await db
    .delete(rateLimits)
    .where(and(inArray(rateLimits.key, expired), lte(rateLimits.expiresAt, sql`now()`)))
    .returning({ key: rateLimits.key });
  return deleted.length;
}
