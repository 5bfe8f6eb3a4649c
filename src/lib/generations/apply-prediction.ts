import "server-only";
import { type GenerationStatus, isTerminal } from "@/shared/generation-status";
import { getDb } from "../db";
import { getGenerationState } from "../db/queries";
import type { NewGenerationOutput } from "../db/schema";
import { attachPredictionId, transitionGeneration, upsertOutputs } from "../db/transition-queries";
import type { Executor } from "../db/types";
import { recordWebhookEvent, webhookEventSeen } from "../db/webhook-event-queries";
import { replicate } from "../replicate/client";
import { errorText, logsTail, mapStatus, outputUrls, type Prediction, progressFromLogs } from "../replicate/prediction";
import { logStateChange } from "./audit";
import { discardOutputs, PermanentOutputError, persistOutputs } from "./persist-outputs";

export type ApplyOutcome = "applied" | "duplicate" | "stale" | "ignored";
type Source = "webhook" | "reconcile" | "cancel";

class NotApplied extends Error {}

/**
 * The one path from a prediction (webhook body, reconciler GET, cancel answer) to our row:
 * dedupe on the webhook id, the forward-only state machine, and on success outputs copied to
 * storage first, then recorded with the status in one transaction.
 */
export async function applyPrediction(args: {
  generationId: string;
  prediction: Prediction;
  webhookId?: string;
  source: Source;
}): Promise<ApplyOutcome> {
  const { generationId, prediction, webhookId, source } = args;
  const status = mapStatus(prediction.status);
  const db = await getDb();
  const state = await getGenerationState(db, generationId);
  if (!status || !state) return "ignored";
  if (state.predictionId && state.predictionId !== prediction.id) return "ignored";
  if (webhookId && (await webhookEventSeen(db, webhookId))) return "duplicate";

  if (isTerminal(state.status)) {
    await cancelOrphan(state, prediction, status);
    if (webhookId) await recordWebhookEvent(db, { webhookId, generationId, status: prediction.status });
    return "stale";
  }

  let outputs: NewGenerationOutput[] = [];
  let failure: string | null = null;
  if (status === "succeeded") {
    const urls = outputUrls(prediction.output);
    if (urls.length === 0) {
      failure = prediction.data_removed
        ? "The images expired on Replicate before they could be saved (Replicate deletes outputs after an hour)."
        : "The model returned no images (the safety checker may have removed them).";
    } else {
      try {
        outputs = await persistOutputs(generationId, urls);
      } catch (error) {
        if (!(error instanceof PermanentOutputError)) throw error;
        failure = error.message;
      }
    }
  }

  const finalStatus = failure ? "failed" : status;
  try {
    const moved = await db.transaction(async (tx) => {
      if (webhookId && !(await recordWebhookEvent(tx, { webhookId, generationId, status: prediction.status }))) {
        throw new NotApplied("duplicate");
      }
      await upsertOutputs(tx, outputs);
      const row = await transition(tx, generationId, finalStatus, prediction, failure);
      // Rolls back the outputs too: nothing is stored for a generation that did not succeed.
      if (!row) throw new NotApplied("stale");
      return row;
    });
    logStateChange({ generationId, predictionId: prediction.id, status: moved.status, predictTime: moved.predictTime, source });
    return "applied";
  } catch (error) {
    if (outputs.length > 0) await discardUnlessSucceeded(generationId, outputs);
    if (error instanceof NotApplied) return error.message === "duplicate" ? "duplicate" : "stale";
    throw error;
  }
}

function transition(
  tx: Executor,
  id: string,
  status: NonNullable<ReturnType<typeof mapStatus>>,
  p: Prediction,
  failure: string | null,
) {
  const terminal = isTerminal(status);
  return transitionGeneration(tx, id, {
    status,
    predictionId: p.id,
    progress: status === "processing" ? progressFromLogs(p.logs) : undefined,
    logs: p.logs ? { tail: logsTail(p.logs), length: p.logs.length } : undefined,
    error: failure ?? (status === "failed" ? errorText(p) : undefined),
    predictTime: p.metrics?.predict_time ?? null,
    startedAt: p.started_at ?? (status === "processing" ? new Date() : null),
    completedAt: terminal ? (p.completed_at ?? new Date()) : null,
  });
}

async function discardUnlessSucceeded(generationId: string, outputs: NewGenerationOutput[]) {
  const db = await getDb();
  const state = await getGenerationState(db, generationId);
  // A concurrent duplicate delivery may have committed the same keys: keep them then.
  if (state?.status === "succeeded") return;
  await discardOutputs(outputs.map((o) => o.storageKey)).catch((error: unknown) => {
    console.error(`[outputs] could not discard files of ${generationId}`, error);
  });
}

/**
 * A prediction still running for a generation that already failed locally (its create call
 * errored after Replicate had started it) is billing for nothing: stop it.
 */
async function cancelOrphan(
  state: NonNullable<Awaited<ReturnType<typeof getGenerationState>>>,
  prediction: Prediction,
  status: GenerationStatus,
) {
  if (state.predictionId || isTerminal(status) || state.status === "succeeded") return;
  console.warn(`[webhook] canceling orphan prediction ${prediction.id} of ${state.status} generation ${state.id}`);
  await replicate()
    .predictions.cancel(prediction.id)
    .catch((error: unknown) => console.error(`[webhook] orphan cancel failed for ${prediction.id}`, error));
  // Recorded, so its later events are plain stale ones (one cancel, not one per event).
  await attachPredictionId(await getDb(), state.id, prediction.id);
}
