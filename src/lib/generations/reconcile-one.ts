import "server-only";
import { isActive } from "@/shared/generation-status";
import { getDb } from "../db";
import { countSettleFailure } from "../db/output-claim-queries";
import type { ReconcileCandidate } from "../db/reconcile-queries";
import { env } from "../env";
import { replicate } from "../replicate/client";
import { isNotFound } from "../replicate/errors";
import { predictionSchema } from "../replicate/prediction";
import { applyPrediction } from "./apply-prediction";
import { logStateChange } from "./audit";
import { searchLater } from "./lost-predictions";
import { attemptCancel, failAndCancel } from "./prediction-cancel";
import { MAX_SETTLE_FAILURES, OutputsBusyError } from "./settle-success";
import { transition } from "./usage";

// What the reconciler does with one claimed generation. Every path ends the generation within
// bounds: a prediction Replicate no longer knows fails it at once; one Replicate will not tell us
// about fails after MAX_SETTLE_FAILURES checks; any generation fails after MAX_AGE_SECONDS.

/** Replicate stops a prediction after 30 minutes of running; queues and retries fit well within this. */
export const MAX_AGE_SECONDS = 2 * 60 * 60;

const UNKNOWN_PREDICTION =
  "Replicate no longer knows this generation's prediction (it may have been deleted, or the API token changed). Nothing more will happen; please try again.";

export type ReconcileOutcome =
  | "applied"
  | "duplicate"
  | "stale"
  | "ignored"
  | "busy"
  | "timed-out"
  | "unknown-prediction"
  | "gave-up"
  | "too-old"
  | "cancel-sent"
  | "cancel-unknown"
  | "cancel-failed";

export async function reconcileOne(c: ReconcileCandidate): Promise<ReconcileOutcome> {
  const ageSeconds = (Date.now() - c.createdAt.getTime()) / 1000;
  // First, so even a generation whose cancel Replicate keeps refusing ends.
  if (isActive(c.status) && c.predictionId && ageSeconds > MAX_AGE_SECONDS) {
    const message = `This generation did not finish within ${MAX_AGE_SECONDS / 3600} hours, so it was stopped.`;
    await failAndCancel(c.id, c.predictionId, message, "reconcile");
    return "too-old";
  }
  if (c.cancelPending && c.predictionId) return retryCancel(c.id, c.predictionId);
  if (!isActive(c.status)) return "stale";
  if (!c.predictionId) return failNeverStarted(c.id, ageSeconds);
  let answer: unknown;
  try {
    answer = await replicate().predictions.get(c.predictionId);
  } catch (error) {
    if (isNotFound(error)) return failUnknown(c.id, c.predictionId);
    const failures = await countSettleFailure(await getDb(), c.id);
    if (failures < MAX_SETTLE_FAILURES) throw error;
    const message = `Replicate did not tell us how this generation went after ${failures} attempts, so it was stopped.`;
    await failAndCancel(c.id, c.predictionId, message, "reconcile");
    return "gave-up";
  }
  try {
    return await applyPrediction({ generationId: c.id, prediction: predictionSchema.parse(answer), source: "reconcile" });
  } catch (error) {
    // Another applier is copying its outputs right now.
    if (error instanceof OutputsBusyError) return "busy";
    throw error;
  }
}

async function retryCancel(id: string, predictionId: string): Promise<ReconcileOutcome> {
  const attempt = await attemptCancel(id, predictionId);
  if (attempt.outcome === "failed") return "cancel-failed";
  if (attempt.outcome === "unknown") return "cancel-unknown";
  if (attempt.prediction) await applyPrediction({ generationId: id, prediction: attempt.prediction, source: "cancel" });
  return "cancel-sent";
}

/** The create never answered and gave up long ago; no prediction was recorded since. */
async function failNeverStarted(id: string, ageSeconds: number): Promise<ReconcileOutcome> {
  if (ageSeconds < env().QUEUED_TIMEOUT_SECONDS) return "stale";
  const moved = await transition(await getDb(), id, {
    status: "failed",
    error: "Replicate never confirmed that this generation started. If it did, it is being stopped; please try again.",
    completedAt: new Date(),
    // A prediction recorded meanwhile (a late webhook) makes this a running generation again.
    onlyWithoutPrediction: true,
  });
  if (!moved) return "stale";
  logStateChange({ generationId: id, predictionId: null, status: "failed", source: "reconcile" });
  await searchLater(id);
  return "timed-out";
}

async function failUnknown(id: string, predictionId: string): Promise<ReconcileOutcome> {
  const moved = await transition(await getDb(), id, {
    status: "failed",
    predictionId,
    error: UNKNOWN_PREDICTION,
    completedAt: new Date(),
  });
  if (moved) logStateChange({ generationId: id, predictionId, status: "failed", source: "reconcile" });
  return "unknown-prediction";
}
