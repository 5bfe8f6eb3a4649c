import "server-only";
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { activeStatuses, type GenerationStatus, statusesThatMayBecome } from "@/shared/generation-status";
import { generationOutputs, generations, type NewGenerationOutput } from "./schema";
import type { Executor } from "./types";

// Every write that moves a generation: the state machine's conditional UPDATE, its outputs,
// and the cancel request stamp.

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
};

/**
 * The state machine's one write: a conditional UPDATE that applies only when it moves the
 * generation forward (and only for its own prediction). Returns the updated state, or null
 * when the event was stale, a duplicate, or for another prediction.
 */
export async function transitionGeneration(db: Executor, id: string, t: Transition) {
  const g = generations;
  const [row] = await db
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
    })
    .where(
      and(
        eq(g.id, id),
        inArray(g.status, statusesThatMayBecome(t.status)),
        t.predictionId ? or(isNull(g.predictionId), eq(g.predictionId, t.predictionId)) : undefined,
      ),
    )
    .returning({ id: g.id, status: g.status, predictionId: g.predictionId, predictTime: g.predictTime });
  return row ?? null;
}

/** Records the prediction id even when the status did not move (e.g. canceled while creating). */
export async function attachPredictionId(db: Executor, id: string, predictionId: string) {
  await db
    .update(generations)
    .set({ predictionId: sql`coalesce(${generations.predictionId}, ${predictionId})` })
    .where(eq(generations.id, id));
}

export async function upsertOutputs(db: Executor, outputs: NewGenerationOutput[]) {
  if (outputs.length === 0) return;
  await db
    .insert(generationOutputs)
    .values(outputs)
    .onConflictDoUpdate({
      target: [generationOutputs.generationId, generationOutputs.index],
      set: {
        storageKey: sql`excluded.storage_key`,
        url: sql`excluded.url`,
        contentType: sql`excluded.content_type`,
        bytes: sql`excluded.bytes`,
        width: sql`excluded.width`,
        height: sql`excluded.height`,
      },
    });
}

/** Notes who asked to cancel before Replicate is called, so whichever event lands first says so. */
export async function markCancelRequested(db: Executor, id: string, by: "owner" | "admin") {
  await db
    .update(generations)
    .set({ cancelRequestedAt: sql`coalesce(${generations.cancelRequestedAt}, now())`, canceledBy: by })
    .where(and(eq(generations.id, id), inArray(generations.status, [...activeStatuses])));
}
