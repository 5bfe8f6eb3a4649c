import "server-only";
import { getDb } from "../db";
import { confirmCancel, markCancelPending } from "../db/prediction-link-queries";
import { replicate } from "../replicate/client";
import { isNotFound } from "../replicate/errors";
import { type Prediction, predictionSchema } from "../replicate/prediction";
import { logStateChange } from "./audit";
import { transition } from "./usage";

// Stopping a prediction that runs (and bills) for a generation that will not use it: its create
// answer was lost, it was canceled or failed locally meanwhile, or it ran past our bounds. The
// generation is marked first (cancel_pending_at), then one cancel is tried at once; the reconciler
// retries every interval until Replicate accepts it or says it does not know the prediction, so a
// cancel that fails (a 503) is never forgotten.

export type CancelAttempt =
  | { outcome: "accepted"; prediction: Prediction | null }
  | { outcome: "unknown" }
  | { outcome: "failed"; error: unknown };

/** One cancel call; the mark is cleared when Replicate accepted it or no longer knows the prediction. */
export async function attemptCancel(generationId: string, predictionId: string): Promise<CancelAttempt> {
  const db = await getDb();
  let answer: unknown;
  try {
    answer = await replicate().predictions.cancel(predictionId);
  } catch (error) {
    if (isNotFound(error)) {
      await confirmCancel(db, generationId, predictionId);
      return { outcome: "unknown" };
    }
    console.error(`[cancel] prediction ${predictionId} of ${generationId} not canceled yet; retried later`, describe(error));
    return { outcome: "failed", error };
  }
  await confirmCancel(db, generationId, predictionId);
  const parsed = predictionSchema.safeParse(answer);
  return { outcome: "accepted", prediction: parsed.success ? parsed.data : null };
}

/** Marks the generation's recorded prediction for cancellation and, if this call marked it, tries once. */
export async function requestPredictionCancel(generationId: string, predictionId: string): Promise<void> {
  if (!(await markCancelPending(await getDb(), generationId))) return;
  console.warn(`[cancel] stopping prediction ${predictionId}: generation ${generationId} will not use it`);
  await attemptCancel(generationId, predictionId);
}

/**
 * Ends a running generation as failed with `message` and stops its prediction (marked in the same
 * UPDATE, so the retry is never lost). Returns whether this call ended it.
 */
export async function failAndCancel(
  generationId: string,
  predictionId: string,
  message: string,
  source: "create" | "reconcile" | "webhook",
): Promise<boolean> {
  const db = await getDb();
  const moved = await transition(db, generationId, {
    status: "failed",
    predictionId,
    error: message,
    completedAt: new Date(),
    cancelPending: true,
  });
  if (!moved) return false;
  logStateChange({ generationId, predictionId, status: "failed", source });
  await attemptCancel(generationId, predictionId);
  return true;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 300) : String(error);
}
