import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "./drivers";
import { generationOutputs, generations, type OutputVariant } from "./schema";

/**
 * Records the sized copies of a succeeded generation's outputs and releases its outputs claim,
 * in one transaction, only while `token` still holds a live claim on a generation not deleted.
 * False otherwise (the lease ran out and the sweeper took over, or the owner deleted it): then
 * nothing references the copies.
 * `updated_at` moves, so watchers and ETags see the copies.
 */
export async function recordVariants(
  db: Db,
  id: string,
  token: string,
  made: { index: number; variants: OutputVariant[] }[],
): Promise<boolean> {
  const g = generations;
  return db.transaction(async (tx) => {
    const released = await tx
      .update(g)
      .set({ outputsClaim: null, outputsClaimedUntil: null, updatedAt: sql`now()` })
      .where(and(eq(g.id, id), eq(g.outputsClaim, token), gt(g.outputsClaimedUntil, sql`now()`), isNull(g.deletedAt)))
      .returning({ id: g.id });
    if (released.length === 0) return false;
    for (const { index, variants } of made) {
      if (variants.length === 0) continue;
      await tx
        .update(generationOutputs)
        .set({ variants })
        .where(and(eq(generationOutputs.generationId, id), eq(generationOutputs.index, index)));
    }
    return true;
  });
}
