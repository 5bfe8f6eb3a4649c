import "server-only";
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { generationColumns } from "./queries";
import { generations } from "./schema";
import type { Executor } from "./types";
import { isUniqueViolation } from "./unique-violation";

// Which prediction belongs to which generation: recorded once, never moved, never shared, and
// the mark that a recorded prediction must still be canceled on Replicate.

/**
 * Records `predictionId` on a generation that has none yet, unless another generation owns it.
 * True when the generation now holds exactly this prediction (just linked, or linked before).
 */
export async function linkPrediction(db: Executor, id: string, predictionId: string): Promise<boolean> {
  const g = generations;
  try {
    const linked = await db
      .update(g)
      .set({ predictionId, lostPredictionSearchUntil: null })
      .where(
        and(
          eq(g.id, id),
          isNull(g.predictionId),
          sql`not exists (select 1 from ${g} as other where other.prediction_id = ${predictionId})`,
        ),
      )
      .returning({ id: g.id });
    if (linked.length > 0) return true;
  } catch (error) {
    // Another generation recorded it between the check and the write.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
  const row = await generationColumns(db, id, { predictionId: g.predictionId });
  return row?.predictionId === predictionId;
}

/** The generation that owns a prediction, if any. */
export async function generationOfPrediction(db: Executor, predictionId: string): Promise<string | null> {
  const [row] = await db.select({ id: generations.id }).from(generations).where(eq(generations.predictionId, predictionId));
  return row?.id ?? null;
}

/**
 * Requests the cancel of the generation's recorded prediction on Replicate. True when this call
 * made the request (once per generation ever), so exactly one caller tries the cancel at once;
 * the reconciler retries until it is confirmed.
 */
export async function markCancelPending(db: Executor, id: string): Promise<boolean> {
  const g = generations;
  const rows = await db
    .update(g)
    // Stamped as checked too: the reconciler retries only after a full interval.
    .set({ predictionCancelRequestedAt: sql`now()`, reconciledAt: sql`now()` })
    .where(and(eq(g.id, id), isNotNull(g.predictionId), isNull(g.predictionCancelRequestedAt)))
    .returning({ id: g.id });
  return rows.length > 0;
}

/** The prediction has ended, Replicate accepted the cancel, or it no longer knows the prediction. */
export async function confirmCancel(db: Executor, id: string, predictionId: string): Promise<void> {
  const g = generations;
  await db
    .update(g)
    .set({ predictionCancelConfirmedAt: sql`now()` })
    .where(
      and(
        eq(g.id, id),
        eq(g.predictionId, predictionId),
        isNotNull(g.predictionCancelRequestedAt),
        isNull(g.predictionCancelConfirmedAt),
      ),
    );
}

/**
 * After a create whose answer was lost while no prediction is recorded: the prediction it may
 * have started is looked for (and canceled) for `seconds`.
 */
export async function searchForLostPrediction(db: Executor, id: string, seconds: number): Promise<void> {
  await db
    .update(generations)
    .set({ lostPredictionSearchUntil: sql`now() + make_interval(secs => ${seconds})` })
    .where(and(eq(generations.id, id), isNull(generations.predictionId)));
}

export type LostPredictionCandidate = { id: string; modelKey: string; input: Record<string, unknown>; createdAt: Date };

/**
 * Claims the generations still searching for a lost prediction that were not searched for this
 * interval (stamped like the reconciler's checks, so many instances search once per interval).
 */
export async function claimLostPredictionSearches(
  db: Executor,
  { intervalSeconds, limit }: { intervalSeconds: number; limit: number },
): Promise<LostPredictionCandidate[]> {
  const g = generations;
  const due = db
    .select({ id: g.id })
    .from(g)
    .where(
      and(
        sql`${g.lostPredictionSearchUntil} > now()`,
        isNull(g.predictionId),
        sql`(${g.reconciledAt} is null or ${g.reconciledAt} < now() - make_interval(secs => ${intervalSeconds}))`,
      ),
    )
    .orderBy(g.createdAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(g)
    .set({ reconciledAt: sql`now()` })
    .where(inArray(g.id, due))
    .returning({ id: g.id, modelKey: g.modelKey, input: g.input, createdAt: g.createdAt });
}
