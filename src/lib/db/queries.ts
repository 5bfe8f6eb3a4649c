import "server-only";
import { and, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { statusesThatMayBecome } from "../generations/state-machine";
import { afterCursor, type Cursor, cursorAt } from "./cursor";
import {
  type GenerationStatus,
  generationOutputs,
  generations,
  type NewGeneration,
  type NewGenerationOutput,
  webhookEvents,
} from "./schema";
import type { Executor } from "./types";

// Generations and their outputs. Every SQL statement of the generation domain lives here.

/** The columns a browser may see (GenerationView), never whole rows. */
function viewSelection() {
  return {
    id: generations.id,
    modelKey: generations.modelKey,
    status: generations.status,
    progress: generations.progress,
    error: generations.error,
    input: generations.input,
    canceledBy: generations.canceledBy,
    createdAt: generations.createdAt,
    startedAt: generations.startedAt,
    completedAt: generations.completedAt,
    updatedAt: generations.updatedAt,
  };
}

export async function insertGeneration(db: Executor, row: NewGeneration) {
  const [inserted] = await db.insert(generations).values(row).returning(viewSelection());
  if (!inserted) throw new Error("insert returned no row");
  return inserted;
}

export async function findGenerationByIdempotencyKey(db: Executor, { ownerId, key }: { ownerId: string; key: string }) {
  const [row] = await db
    .select({ id: generations.id })
    .from(generations)
    .where(and(eq(generations.ownerId, ownerId), eq(generations.idempotencyKey, key)));
  return row ?? null;
}

/** For state changes: the fields the domain decides on. */
export async function getGenerationState(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: generations.id,
      ownerId: generations.ownerId,
      modelKey: generations.modelKey,
      status: generations.status,
      predictionId: generations.predictionId,
      error: generations.error,
      createdAt: generations.createdAt,
    })
    .from(generations)
    .where(eq(generations.id, id));
  return row ?? null;
}

export type GenerationState = NonNullable<Awaited<ReturnType<typeof getGenerationState>>>;

/** A generation with its outputs, scoped to an owner unless `ownerId` is null (admin). */
export async function getGenerationWithOutputs(db: Executor, { id, ownerId }: { id: string; ownerId: string | null }) {
  const [row] = await db
    .select(viewSelection())
    .from(generations)
    .where(ownerId === null ? eq(generations.id, id) : and(eq(generations.id, id), eq(generations.ownerId, ownerId)));
  if (!row) return null;
  const outputs = await outputsFor(db, [row.id]);
  return { row, outputs: outputs.get(row.id) ?? [] };
}

export async function outputsFor(db: Executor, generationIds: string[]) {
  const byId = new Map<
    string,
    { index: number; url: string; contentType: string; width: number | null; height: number | null }[]
  >();
  if (generationIds.length === 0) return byId;
  const rows = await db
    .select({
      generationId: generationOutputs.generationId,
      index: generationOutputs.index,
      url: generationOutputs.url,
      contentType: generationOutputs.contentType,
      width: generationOutputs.width,
      height: generationOutputs.height,
    })
    .from(generationOutputs)
    .where(inArray(generationOutputs.generationId, generationIds))
    .orderBy(generationOutputs.generationId, generationOutputs.index);
  for (const { generationId, ...output } of rows) {
    const list = byId.get(generationId) ?? [];
    list.push(output);
    byId.set(generationId, list);
  }
  return byId;
}

/** An owner's generations, newest first, keyset-paginated on (created_at, id). */
export async function listOwnerGenerations(
  db: Executor,
  { ownerId, cursor, limit }: { ownerId: string; cursor: Cursor | null; limit: number },
) {
  const rows = await db
    .select({ ...viewSelection(), cursorAt })
    .from(generations)
    .where(and(eq(generations.ownerId, ownerId), afterCursor(cursor)))
    .orderBy(desc(generations.createdAt), desc(generations.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const outputs = await outputsFor(
    db,
    page.map((r) => r.id),
  );
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({ row, outputs: outputs.get(row.id) ?? [] })),
    next: rows.length > limit && last ? { createdAt: last.cursorAt, id: last.id } : null,
  };
}

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

/** Claims a webhook id; false when it was already recorded (a duplicate delivery). */
export async function recordWebhookEvent(
  db: Executor,
  event: { webhookId: string; generationId: string; status: string },
): Promise<boolean> {
  const rows = await db.insert(webhookEvents).values(event).onConflictDoNothing().returning({ id: webhookEvents.webhookId });
  return rows.length > 0;
}

export async function webhookEventSeen(db: Executor, webhookId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: webhookEvents.webhookId })
    .from(webhookEvents)
    .where(eq(webhookEvents.webhookId, webhookId));
  return Boolean(row);
}

export async function pruneWebhookEvents(db: Executor, olderThan: Date): Promise<number> {
  const rows = await db
    .delete(webhookEvents)
    .where(lt(webhookEvents.receivedAt, olderThan))
    .returning({ id: webhookEvents.webhookId });
  return rows.length;
}

/** Notes who asked to cancel before Replicate is called, so whichever event lands first says so. */
export async function markCancelRequested(db: Executor, id: string, by: "owner" | "admin") {
  await db
    .update(generations)
    .set({ cancelRequestedAt: sql`coalesce(${generations.cancelRequestedAt}, now())`, canceledBy: by })
    .where(and(eq(generations.id, id), inArray(generations.status, ["queued", "starting", "processing"])));
}
