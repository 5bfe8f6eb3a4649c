import "server-only";
import { eq, sql } from "drizzle-orm";
import { rateLimits } from "./schema";
import type { Executor } from "./types";

// Fixed-window counters shared by every instance. One atomic statement per hit: two app
// processes on one database count exactly like one.

export type RateLimitHit = { count: number /** Seconds until the window resets (≥ 1). */; secondsLeft: number };

/**
 * Counts one hit against `key`: starts a new window (count 1) when none exists or the current
 * one has expired, else adds one. Times come from the database clock, never an instance's.
 */
export async function hitRateLimit(
  db: Executor,
  { key, windowSeconds }: { key: string; windowSeconds: number },
): Promise<RateLimitHit> {
  const r = rateLimits;
  const window = sql`make_interval(secs => ${windowSeconds}::int)`;
  // In ON CONFLICT ... SET, bare column names read the existing row, so both CASEs agree.
  const expired = sql`${r.windowStartedAt} <= now() - ${window}`;
  const [row] = await db
    .insert(r)
    .values({ key, count: 1, windowStartedAt: sql`now()` })
    .onConflictDoUpdate({
      target: r.key,
      set: {
        count: sql`case when ${expired} then 1 else ${r.count} + 1 end`,
        windowStartedAt: sql`case when ${expired} then now() else ${r.windowStartedAt} end`,
      },
    })
    .returning({
      count: r.count,
      secondsLeft: sql<number>`greatest(1, ceil(extract(epoch from (${r.windowStartedAt} + ${window} - now()))))::int`,
    });
  if (!row) throw new Error("rate limit upsert returned no row");
  return { count: row.count, secondsLeft: Number(row.secondsLeft) };
}

export async function clearRateLimit(db: Executor, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
