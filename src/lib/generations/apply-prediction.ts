import "server-only";
import { isTerminal } from "@/shared/generation-status";
import { getDb } from "../db";
import { confirmCancel, linkPrediction } from "../db/prediction-link-queries";
import { type GenerationState, getGenerationState } from "../db/queries";
import { recordWebhookEvent } from "../db/webhook-event-queries";
import { isRunning, mapStatus, type Prediction } from "../replicate/prediction";
import { type ApplyOutcome, commitEvent, type EventSource } from "./commit-event";
import { isOwnCreate } from "./event-ownership";
import { requestPredictionCancel } from "./prediction-cancel";
import { settleSuccess } from "./settle-success";

export type { ApplyOutcome } from "./commit-event";

/**
 * The one path from a prediction (webhook body, reconciler GET, cancel answer) to our row: only
 * for the generation that owns the prediction, deduped on the webhook id, through the
 * forward-only state machine, and on success outputs copied to storage first, then recorded with
 * the status in one transaction.
 */
export async function applyPrediction(args: {
  generationId: string;
  prediction: Prediction;
  webhookId?: string;
  source: EventSource;
}): Promise<ApplyOutcome> {
  const { generationId, prediction, webhookId } = args;
  const status = mapStatus(prediction.status);
  const db = await getDb();
  let state = await getGenerationState(db, generationId, webhookId);
  if (!status || !state) return "ignored";
  // Someone else's prediction changes nothing here: answered 2xx, never canceled.
  if (!(await reachesGeneration(state, prediction))) return "ignored";
  // Just linked: read again, so a "never got a prediction" failure or cancel that landed before
  // the link is seen (and its prediction canceled below), not overwritten.
  if (!state.predictionId) state = await getGenerationState(db, generationId, webhookId);
  if (!state) return "ignored";
  if (state.eventSeen) return "duplicate";

  if (isTerminal(state.status)) {
    await settleLateEvent(state, prediction);
    if (webhookId) await recordWebhookEvent(db, { webhookId, generationId, status: prediction.status });
    return "stale";
  }
  if (status === "succeeded") return settleSuccess({ ...args, modelKey: state.modelKey, input: state.input });
  return commitEvent({ ...args, status });
}

/** Its recorded prediction, or (none recorded yet) the one its own create started, linked now. */
async function reachesGeneration(state: GenerationState, prediction: Prediction): Promise<boolean> {
  if (state.predictionId) return state.predictionId === prediction.id;
  if (!isOwnCreate(state, prediction)) {
    console.warn(`[webhook] prediction ${prediction.id} does not match generation ${state.id}'s create: ignored`);
    return false;
  }
  const linked = await linkPrediction(await getDb(), state.id, prediction.id);
  if (!linked) console.warn(`[webhook] prediction ${prediction.id} belongs to another generation than ${state.id}: ignored`);
  return linked;
}

/**
 * An event for a generation that has already ended. If its prediction still runs for a
 * generation that failed or was canceled here (the create's answer was lost, a local cancel won),
 * it bills for nothing: stop it. If it has ended, nothing is left to cancel.
 */
async function settleLateEvent(state: GenerationState, prediction: Prediction): Promise<void> {
  if (isRunning(prediction.status)) {
    if (state.status !== "succeeded") await requestPredictionCancel(state.id, prediction.id);
    return;
  }
  if (mapStatus(prediction.status)) await confirmCancel(await getDb(), state.id, prediction.id);
}
