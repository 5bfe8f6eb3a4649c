import "server-only";
import { getDb } from "../db";
import { claimStaleGenerations, type StaleGeneration } from "../db/reconcile-queries";
import { transitionGeneration } from "../db/transition-queries";
import { pruneWebhookEvents } from "../db/webhook-event-queries";
import { env } from "../env";
import { replicate } from "../replicate/client";
import { predictionSchema } from "../replicate/prediction";
import { type ApplyOutcome, applyPrediction } from "./apply-prediction";
import { logStateChange } from "./audit";

// The safety net for lost webhooks (app down during delivery, a dropped event): generations
// stuck non-terminal get one GET each per interval and go through the very same state
// machine and persistence path as the webhook. Nothing stays non-terminal forever.

const BATCH = 25;
const WEBHOOK_EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;

export type ReconcileReport = { checked: number; outcomes: Record<string, number>; errors: number; prunedEvents: number };

export async function reconcileStaleGenerations(): Promise<ReconcileReport> {
  const { RECONCILE_AFTER_SECONDS, RECONCILE_INTERVAL_SECONDS } = env();
  const db = await getDb();
  const stale = await claimStaleGenerations(db, {
    staleSeconds: RECONCILE_AFTER_SECONDS,
    intervalSeconds: RECONCILE_INTERVAL_SECONDS,
    limit: BATCH,
  });
  const report: ReconcileReport = { checked: stale.length, outcomes: {}, errors: 0, prunedEvents: 0 };
  for (const generation of stale) {
    try {
      const outcome = await reconcileOne(generation);
      report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
    } catch (error) {
      report.errors += 1;
      console.error(`[reconcile] ${generation.id} (${generation.predictionId ?? "no prediction"})`, error);
    }
  }
  report.prunedEvents = await pruneWebhookEvents(db, new Date(Date.now() - WEBHOOK_EVENT_RETENTION_MS));
  return report;
}

async function reconcileOne(generation: StaleGeneration): Promise<ApplyOutcome | "timed-out" | "waiting"> {
  if (!generation.predictionId) {
    // The create call never answered. Its own request times out long before this, so the
    // create is not in flight any more: fail it (a late webhook would cancel the orphan).
    const ageSeconds = (Date.now() - generation.createdAt.getTime()) / 1000;
    if (ageSeconds < env().QUEUED_TIMEOUT_SECONDS) return "waiting";
    const db = await getDb();
    const moved = await transitionGeneration(db, generation.id, {
      status: "failed",
      error: "Replicate never confirmed that this generation started. Nothing was charged; please try again.",
      completedAt: new Date(),
    });
    if (moved) logStateChange({ generationId: generation.id, predictionId: null, status: "failed", source: "reconcile" });
    return "timed-out";
  }
  const prediction = predictionSchema.parse(await replicate().predictions.get(generation.predictionId));
  return applyPrediction({ generationId: generation.id, prediction, source: "reconcile" });
}
