import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf } from "./raw-rows";
import type { Executor } from "./types";

export type ModelTimingRow = { modelKey: string; totalSeconds: number; startSeconds: number | null; samples: number };

/**
 * Per model, the medians of recent successes: request → completion, and request → the model
 * started running. Reads succeeded rows created since `since` through generations_status_recent.
 */
export async function recentModelTimings(db: Executor, since: Date): Promise<ModelTimingRow[]> {
  const rows = await rowsOf<{
    model_key: string;
    total_seconds: number | string;
    start_seconds: number | string | null;
    samples: number;
  }>(
    db,
    sql`
    select model_key,
      percentile_cont(0.5) within group (order by extract(epoch from (completed_at - created_at)))::float8 as total_seconds,
      percentile_cont(0.5) within group (order by extract(epoch from (started_at - created_at)))::float8 as start_seconds,
      count(*)::int as samples
    from generations
    where status = 'succeeded' and completed_at is not null and created_at >= ${since.toISOString()}::timestamptz
    group by model_key`,
  );
  return rows.map((r) => ({
    modelKey: r.model_key,
    totalSeconds: Number(r.total_seconds),
    startSeconds: r.start_seconds === null ? null : Number(r.start_seconds),
    samples: Number(r.samples),
  }));
}
