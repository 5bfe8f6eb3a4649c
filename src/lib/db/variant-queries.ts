import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { rowsOf } from "./raw-rows";
import { generations, type OutputVariant } from "./schema";
import type { Executor } from "./types";

/**
 * Records the sized copies of a succeeded generation's outputs and releases its outputs claim,
 * in one statement (all or nothing, one round trip), only while `token` still holds a live
 * claim on a generation not deleted. False otherwise (the lease ran out and the sweeper took
 * over, or the owner deleted it): then nothing is written and nothing references the copies.
 * `updated_at` moves, so watchers and ETags see the copies.
 */
export async function recordVariants(
  db: Executor,
  id: string,
  token: string,
  made: { index: number; variants: OutputVariant[] }[],
): Promise<boolean> {
  const g = generations;
  const released = db
    .update(g)
    .set({ outputsClaim: null, outputsClaimedUntil: null, updatedAt: sql`now()` })
    .where(and(eq(g.id, id), eq(g.outputsClaim, token), gt(g.outputsClaimedUntil, sql`now()`), isNull(g.deletedAt)))
    .returning({ id: g.id });
  const values = made
    .filter((m) => m.variants.length > 0)
    .map((m) => sql`(${m.index}::int, ${JSON.stringify(m.variants)}::jsonb)`);
  // The outputs are written only if the release applied (the same rule as the success commit).
  const written =
    values.length > 0
      ? sql`, written as (
          update generation_outputs o set variants = v.variants
          from (values ${sql.join(values, sql`, `)}) as v(index, variants)
          where o.generation_id = ${id} and o.index = v.index and exists (select 1 from released)
          returning 1
        )`
      : sql``;
  const rows = await rowsOf<{ id: string }>(db, sql`with released as (${released.getSQL()})${written} select id from released`);
  return rows.length > 0;
}
