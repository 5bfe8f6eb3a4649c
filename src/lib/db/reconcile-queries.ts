import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "./types";

export type StaleGeneration = { id: string; status: string; predictionId: string | null; createdAt: Date };

/**
 * Claims up to `limit` generations stuck non-terminal for `staleSeconds` and not asked about
 * in the last `intervalSeconds`, stamping them in the same statement. SKIP LOCKED plus the
 * stamp means concurrent reconcilers (many instances) never claim the same row twice in one
 * interval: at most one GET per prediction per interval.
 */
export async function claimStaleGenerations(
  db: Executor,
  { staleSeconds, intervalSeconds, limit }: { staleSeconds: number; intervalSeconds: number; limit: number },
): Promise<StaleGeneration[]> {
  const result = await db.execute(sql`
    update generations set reconciled_at = now()
    where id in (
      select id from generations
      where status in ('queued', 'starting', 'processing')
        and updated_at < now() - make_interval(secs => ${staleSeconds})
        and (reconciled_at is null or reconciled_at < now() - make_interval(secs => ${intervalSeconds}))
      order by updated_at
      limit ${limit}
      for update skip locked
    )
    returning id, status, prediction_id, created_at`);
  // pglite, node-postgres and neon all answer { rows }.
  const { rows } = result as unknown as {
    rows: {
      id: string;
      status: string;
      prediction_id: string | null;
      created_at: string | Date;
    }[];
  };
  return rows.map((r) => ({ id: r.id, status: r.status, predictionId: r.prediction_id, createdAt: new Date(r.created_at) }));
}
