import "server-only";
import { getDb } from "../db";
import { claimGenerationsToReconcile } from "../db/reconcile-queries";
import { pruneOwnerUsage } from "../db/usage-queries";
import { pruneWebhookEvents } from "../db/webhook-event-queries";
import { env } from "../env";
import { sweepIncomingUploads, sweepUnusedUploads } from "../uploads/upload-sweep";
import { findLostPredictions } from "./lost-predictions";
import { sweepAbandonedOutputs } from "./output-sweep";
import { MAX_AGE_SECONDS, reconcileOne } from "./reconcile-one";
import { staleThresholds } from "./stale-thresholds";
import { settleLeftoverUsage } from "./usage";

// The safety net for lost webhooks (app down during delivery, a dropped event) and the keeper
// of bounds: generations silent past their model's threshold get one GET each per interval and
// go through the very same state machine and persistence path as the webhook; cancels Replicate
// did not accept are retried; crash leftovers in storage are swept. Nothing stays
// non-terminal forever, and no prediction we gave up on keeps running.

const BATCH = 25;
const WEBHOOK_EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;

export type ReconcileReport = {
  checked: number;
  outcomes: Record<string, number>;
  errors: number;
  prunedEvents: number;
  sweptFiles: number;
  /** Uploads no generation uses and no create used for UPLOAD_RETENTION_DAYS, deleted with their files. */
  sweptUploads: number;
  /** Vercel Blob mode: direct uploads never completed, deleted an hour after they landed. */
  sweptIncoming: number;
  lostPredictionsFound: number;
  /** Ended generations whose usage a crash left unsettled, settled now. */
  settledUsage: number;
};

export async function reconcileStaleGenerations(): Promise<ReconcileReport> {
  const { RECONCILE_INTERVAL_SECONDS, QUEUED_TIMEOUT_SECONDS } = env();
  const db = await getDb();
  const { thresholds, defaultSeconds } = await staleThresholds();
  const claimed = await claimGenerationsToReconcile(db, {
    thresholds,
    defaultSeconds,
    queuedTimeoutSeconds: QUEUED_TIMEOUT_SECONDS,
    maxAgeSeconds: MAX_AGE_SECONDS,
    intervalSeconds: RECONCILE_INTERVAL_SECONDS,
    limit: BATCH,
  });
  const report: ReconcileReport = {
    checked: claimed.length,
    outcomes: {},
    errors: 0,
    prunedEvents: 0,
    sweptFiles: 0,
    sweptUploads: 0,
    sweptIncoming: 0,
    lostPredictionsFound: 0,
    settledUsage: 0,
  };
  for (const generation of claimed) {
    try {
      const outcome = await reconcileOne(generation);
      report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
    } catch (error) {
      report.errors += 1;
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[reconcile] ${generation.id} (${generation.predictionId ?? "no prediction"}): ${message}`);
    }
  }
  try {
    report.lostPredictionsFound = await findLostPredictions();
  } catch (error) {
    report.errors += 1;
    console.error("[reconcile] looking for lost predictions:", error instanceof Error ? error.message : error);
  }
  report.sweptFiles = await sweepAbandonedOutputs();
  report.sweptUploads = await sweepUnusedUploads();
  report.sweptIncoming = await sweepIncomingUploads();
  report.prunedEvents = await pruneWebhookEvents(db, new Date(Date.now() - WEBHOOK_EVENT_RETENTION_MS));
  report.settledUsage = await settleLeftoverUsage(db);
  // Per-owner counts matter for the current day only; a day's margin for clocks.
  await pruneOwnerUsage(db, new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10));
  return report;
}
