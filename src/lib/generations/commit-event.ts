import "server-only";
import { type GenerationStatus, isTerminal } from "@/shared/generation-status";
import { getDb } from "../db";
import type { NewGenerationOutput } from "../db/schema";
import { upsertOutputs } from "../db/transition-queries";
import type { Executor } from "../db/types";
import { recordWebhookEvent, recordWebhookEventWithOutputs } from "../db/webhook-event-queries";
import { errorText, logsTail, type Prediction, progressFromLogs } from "../replicate/prediction";
import { logStateChange } from "./audit";
import { forgetGeneration } from "./known-versions";
import { transition } from "./usage";

export type ApplyOutcome = "applied" | "duplicate" | "stale" | "ignored";
export type EventSource = "webhook" | "reconcile" | "cancel";

class NotApplied extends Error {}

/**
 * Records one event in one transaction: the webhook id (the dedupe log), the outputs, and the
 * forward-only transition. If the transition does not apply (stale, or the outputs claim was
 * lost), nothing is recorded.
 */
export async function commitEvent(args: {
  generationId: string;
  prediction: Prediction;
  status: GenerationStatus;
  webhookId?: string;
  source: EventSource;
  /** Our own reason to fail (outputs that cannot be copied), overriding the prediction's status. */
  failure?: string | null;
  outputs?: NewGenerationOutput[];
  outputsClaim?: string;
  /** On success, the claim is kept, under this token and lease, for the sized copies (output-variants.ts). */
  keepOutputsClaim?: { token: string; seconds: number };
}): Promise<Exclude<ApplyOutcome, "ignored">> {
  const { generationId, prediction, webhookId, source, failure = null, outputs = [], outputsClaim } = args;
  const keepClaim = failure ? undefined : args.keepOutputsClaim;
  const status = failure ? "failed" : args.status;
  const db = await getDb();
  try {
    const moved = await db.transaction(async (tx) => {
      const event = webhookId ? { webhookId, generationId, status: prediction.status } : null;
      if (event && outputs.length > 0) {
        if (!(await recordWebhookEventWithOutputs(tx, event, outputs))) throw new NotApplied("duplicate");
      } else {
        if (event && !(await recordWebhookEvent(tx, event))) throw new NotApplied("duplicate");
        await upsertOutputs(tx, outputs);
      }
      const row = await eventTransition(tx, generationId, status, prediction, failure, { outputsClaim, keepClaim });
      if (!row) throw new NotApplied("stale");
      return row;
    });
    // Committed: this instance answers no poll from the version it knew (known-versions.ts).
    forgetGeneration(generationId);
    logStateChange({ generationId, predictionId: prediction.id, status: moved.status, predictTime: moved.predictTime, source });
    return "applied";
  } catch (error) {
    if (error instanceof NotApplied) return error.message === "duplicate" ? "duplicate" : "stale";
    throw error;
  }
}

function eventTransition(
  tx: Executor,
  id: string,
  status: GenerationStatus,
  p: Prediction,
  failure: string | null,
  claim: { outputsClaim?: string; keepClaim?: { token: string; seconds: number } },
) {
  const terminal = isTerminal(status);
  return transition(tx, id, {
    status,
    predictionId: p.id,
    progress: status === "processing" ? progressFromLogs(p.logs) : undefined,
    logs: p.logs ? { tail: logsTail(p.logs), length: p.logs.length } : undefined,
    error: failure ?? (status === "failed" ? errorText(p) : undefined),
    predictTime: p.metrics?.predict_time ?? null,
    startedAt: p.started_at ?? (status === "processing" ? new Date() : null),
    completedAt: terminal ? (p.completed_at ?? new Date()) : null,
    // The prediction has ended: nothing left to cancel.
    cancelPending: terminal ? false : undefined,
    outputsClaim: claim.outputsClaim,
    keepOutputsClaim: claim.keepClaim,
  });
}
