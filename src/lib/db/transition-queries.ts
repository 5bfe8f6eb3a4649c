import "server-only";
import { and, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { activeStatuses, type GenerationStatus, statusesThatMayBecome } from "@/shared/generation-status";
import { generations } from "./schema";
import type { Executor } from "./types";

// Every write that moves a generation: the state machine's conditional UPDATE (run alone, or inside
// the one-statement success commit: success-commit-queries.ts) and the cancel request stamp.

export type Transition = {
  status: GenerationStatus;
  predictionId?: string;
  version?: string;
  progress?: number;
  /** The full log text as Replicate reports it; only a tail is kept. */
  logs?: { tail: string | null; length: number };
  error?: string | null;
  predictTime?: number | null;
  startedAt?: Date | null;
  completedAt?: Date | null;
  canceledBy?: "owner" | "admin";
  /**
   * Applies only while no prediction id is recorded: for the transitions that mean "we never got
   * a prediction" (create failed, queued timeout, local cancel of a queued row). Once a webhook
   * has recorded one, that prediction runs and must be canceled instead.
   */
  onlyWithoutPrediction?: boolean;
  /** true: the recorded prediction must be canceled on Replicate; false: it has ended. */
  cancelPending?: boolean;
  /** Replicate refused the create: hide it from its owner and free its idempotency key. */
  createRefused?: boolean;
  /** Applies only for the holder of this outputs claim, and releases it. */
  outputsClaim?: string;
  /** Keeps the claim instead, under a new token and lease (its holder still makes the sized copies). */
  keepOutputsClaim?: { token: string; seconds: number };
  /** Applies only while this webhook id is not recorded (a delivery not seen before). */
  unseenWebhookId?: string;
};

/**
 * The state machine's one write: a conditional UPDATE that applies only when it moves the
 * generation forward (and only for its own prediction). Returns the updated state, or null
 * when the event was stale, a duplicate, or for another prediction.
 */
export async function transitionGeneration(db: Executor, id: string, t: Transition) {
  const [row] = await transitionUpdate(db, id, t);
  return row ?? null;
}

/** The state machine's conditional UPDATE, not yet run (success-commit-queries.ts embeds it). */
export function transitionUpdate(db: Executor, id: string, t: Transition) {
  const g = generations;
  return db
    .update(g)
    .set({
      status: t.status,
      updatedAt: sql`now()`,
      ...(t.predictionId ? { predictionId: sql`coalesce(${g.predictionId}, ${t.predictionId})` } : {}),
      ...(t.version ? { version: t.version } : {}),
      ...(t.status === "succeeded"
        ? { progress: 1 }
        : t.progress !== undefined
          ? { progress: sql`greatest(${g.progress}, ${t.progress})` }
          : {}),
      ...(t.logs
        ? {
            logsTail: sql`case when ${t.logs.length} >= ${g.logsLength} then ${t.logs.tail} else ${g.logsTail} end`,
            logsLength: sql`greatest(${g.logsLength}, ${t.logs.length})`,
          }
        : {}),
      ...(t.error !== undefined ? { error: t.error } : {}),
      ...(t.predictTime != null ? { predictTime: t.predictTime } : {}),
      ...(t.startedAt ? { startedAt: sql`coalesce(${g.startedAt}, ${t.startedAt})` } : {}),
      ...(t.completedAt ? { completedAt: t.completedAt } : {}),
      ...(t.canceledBy ? { canceledBy: t.canceledBy } : {}),
      // Marked as checked too: the caller tries the cancel at once, the reconciler an interval later.
      ...(t.cancelPending === true
        ? { predictionCancelRequestedAt: sql`coalesce(${g.predictionCancelRequestedAt}, now())`, reconciledAt: sql`now()` }
        : {}),
      ...(t.cancelPending === false
        ? { predictionCancelConfirmedAt: sql`coalesce(${g.predictionCancelConfirmedAt}, now())` }
        : {}),
      ...(t.createRefused ? { createRefused: true, idempotencyKey: null } : {}),
      ...(t.outputsClaim ? releaseOrKeep(t.keepOutputsClaim) : {}),
    })
    .where(and(eq(g.id, id), inArray(g.status, statusesThatMayBecome(t.status)), ...conditions(t)))
    .returning({ id: g.id, status: g.status, predictionId: g.predictionId, predictTime: g.predictTime });
}

const releaseOrKeep = (keep: Transition["keepOutputsClaim"]) =>
  keep
    ? { outputsClaim: keep.token, outputsClaimedUntil: sql`now() + make_interval(secs => ${keep.seconds})` }
    : { outputsClaim: null, outputsClaimedUntil: null };

function conditions(t: Transition): SQL[] {
  const g = generations;
  const all: (SQL | undefined)[] = [
    t.predictionId ? or(isNull(g.predictionId), eq(g.predictionId, t.predictionId)) : undefined,
    t.onlyWithoutPrediction ? isNull(g.predictionId) : undefined,
    t.outputsClaim ? eq(g.outputsClaim, t.outputsClaim) : undefined,
    t.unseenWebhookId ? sql`not exists (select 1 from webhook_events e where e.webhook_id = ${t.unseenWebhookId})` : undefined,
  ];
  return all.filter((c): c is SQL => c !== undefined);
}

/** Notes who asked to cancel before Replicate is called, so whichever event lands first says so. */
export async function markCancelRequested(db: Executor, id: string, by: "owner" | "admin") {
  await db
    .update(generations)
    .set({ cancelRequestedAt: sql`coalesce(${generations.cancelRequestedAt}, now())`, canceledBy: by })
    .where(and(eq(generations.id, id), inArray(generations.status, [...activeStatuses])));
}
