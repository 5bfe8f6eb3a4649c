import "server-only";
import { type GenerationStatus, isTerminal } from "@/shared/generation-status";
import { getDb } from "../db";
import type { NewGenerationOutput } from "../db/schema";
import { commitTransitionWithOutputs } from "../db/success-commit-queries";
import type { Transition } from "../db/transition-queries";
import { recordWebhookEvent, webhookEventSeen } from "../db/webhook-event-queries";
import { errorText, logsTail, type Prediction, progressFromLogs } from "../replicate/prediction";
import { logStateChange } from "./audit";
import { forgetGeneration } from "./known-versions";
import { settleUsage, transition } from "./usage";

export type ApplyOutcome = "applied" | "duplicate" | "stale" | "ignored";
export type EventSource = "webhook" | "reconcile" | "cancel";

class NotApplied extends Error {}

type CommitArgs = {
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
};

/**
 * Records one event: the webhook id (the dedupe log), the outputs, and the forward-only
 * transition, all or nothing. If the transition does not apply (stale, or the outputs claim was
 * lost), nothing is recorded. A success with outputs is one statement; anything else one
 * transaction. An ended generation's usage is then settled.
 */
export async function commitEvent(args: CommitArgs): Promise<Exclude<ApplyOutcome, "ignored">> {
  const { generationId, prediction, webhookId, source, failure = null, outputs = [] } = args;
  const status = failure ? "failed" : args.status;
  const t = eventTransition(status, prediction, failure, {
    outputsClaim: args.outputsClaim,
    keepClaim: failure ? undefined : args.keepOutputsClaim,
  });
  const event = webhookId ? { webhookId, generationId, status: prediction.status } : null;
  const db = await getDb();
  let moved: { status: GenerationStatus; predictTime: number | null } | null;
  if (outputs.length > 0) {
    moved = await commitTransitionWithOutputs(db, generationId, t, event, outputs);
    if (!moved) return event && (await webhookEventSeen(db, event.webhookId)) ? "duplicate" : "stale";
    // Committed: this instance answers no poll from the version it knew (known-versions.ts).
    forgetGeneration(generationId);
    // Its own statement: a crash before it leaves the reservation to the reconciler (settleLeftoverUsage).
    if (isTerminal(moved.status)) await settleUsage(db, generationId);
  } else {
    try {
      moved = await db.transaction(async (tx) => {
        if (event && !(await recordWebhookEvent(tx, event))) throw new NotApplied("duplicate");
        const row = await transition(tx, generationId, t);
        if (!row) throw new NotApplied("stale");
        return row;
      });
    } catch (error) {
      if (error instanceof NotApplied) return error.message === "duplicate" ? "duplicate" : "stale";
      throw error;
    }
    forgetGeneration(generationId);
  }
  logStateChange({ generationId, predictionId: prediction.id, status: moved.status, predictTime: moved.predictTime, source });
  return "applied";
}

function eventTransition(
  status: GenerationStatus,
  p: Prediction,
  failure: string | null,
  claim: { outputsClaim?: string; keepClaim?: { token: string; seconds: number } },
): Transition {
  const terminal = isTerminal(status);
  return {
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
  };
}
