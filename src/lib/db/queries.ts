import "server-only";
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import { generationOutputs, generations, type NewGeneration, type OutputVariant, webhookEvents } from "./schema";
import type { Executor } from "./types";

// Reading generations and their outputs (and creating them). An owner's list is in
// owner-list-queries.ts; a status poll's reads in poll-queries.ts; writes that move a generation
// in transition-queries.ts; the webhook dedupe log in webhook-event-queries.ts.

/** The columns a browser may see (GenerationView), never whole rows. */
export function viewSelection() {
  return {
    id: generations.id,
    modelKey: generations.modelKey,
    status: generations.status,
    progress: generations.progress,
    error: generations.error,
    input: generations.input,
    canceledBy: generations.canceledBy,
    groupId: generations.groupId,
    favourite: generations.favourite,
    predictTime: generations.predictTime,
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

/**
 * Inserts a new generation unless its owner already has one with the same idempotency key (a
 * concurrent retry won): then null, never a unique-violation error.
 */
export async function insertGenerationUnlessKeyTaken(db: Executor, row: NewGeneration): Promise<string | null> {
  const [inserted] = await db
    .insert(generations)
    .values(row)
    .onConflictDoNothing({ target: [generations.ownerId, generations.idempotencyKey] })
    .returning({ id: generations.id });
  return inserted?.id ?? null;
}

export async function findGenerationByIdempotencyKey(db: Executor, { ownerId, key }: { ownerId: string; key: string }) {
  const [row] = await db
    .select({ id: generations.id })
    .from(generations)
    .where(and(eq(generations.ownerId, ownerId), eq(generations.idempotencyKey, key)));
  return row ?? null;
}

/**
 * For state changes: the fields the domain decides on. With `webhookId`, also whether that
 * delivery is already in the dedupe log (`eventSeen`), in the same round trip.
 */
export async function getGenerationState(db: Executor, id: string, webhookId?: string) {
  return generationColumns(db, id, {
    eventSeen: webhookId
      ? sql<boolean>`exists (select 1 from ${webhookEvents} where ${webhookEvents.webhookId} = ${webhookId})`
      : sql<boolean>`false`,
    id: generations.id,
    ownerId: generations.ownerId,
    modelKey: generations.modelKey,
    version: generations.version,
    input: generations.input,
    status: generations.status,
    predictionId: generations.predictionId,
    error: generations.error,
    createdAt: generations.createdAt,
  });
}

/** The chosen columns of one generation, by id, whoever owns it; null when there is none. */
export async function generationColumns<T extends SelectedFields>(db: Executor, id: string, columns: T) {
  const [row] = await db.select(columns).from(generations).where(eq(generations.id, id));
  return row ?? null;
}

export type GenerationState = NonNullable<Awaited<ReturnType<typeof getGenerationState>>>;

/**
 * What an owner sees of their own rows: everything but creates Replicate refused before anything
 * started (the form already said so) and what they deleted (admins still see both).
 */
export function ownedBy(ownerId: string): SQL | undefined {
  return and(eq(generations.ownerId, ownerId), eq(generations.createRefused, false), isNull(generations.deletedAt));
}

/** One of the owner's own rows, by id (as `ownedBy` scopes them). */
export function ownGeneration(id: string, ownerId: string): SQL | undefined {
  return and(eq(generations.id, id), ownedBy(ownerId));
}

export type OutputRow = {
  index: number;
  url: string;
  contentType: string;
  width: number | null;
  height: number | null;
  variants: OutputVariant[];
};

export async function outputsFor(db: Executor, generationIds: string[]) {
  const byId = new Map<string, OutputRow[]>();
  if (generationIds.length === 0) return byId;
  const rows = await db
    .select({
      generationId: generationOutputs.generationId,
      index: generationOutputs.index,
      url: generationOutputs.url,
      contentType: generationOutputs.contentType,
      width: generationOutputs.width,
      height: generationOutputs.height,
      variants: generationOutputs.variants,
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

/** Rows with their outputs (one query for all of them), in the rows' order. */
export async function withOutputs<R extends { id: string }>(db: Executor, rows: R[]) {
  const outputs = await outputsFor(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ row, outputs: outputs.get(row.id) ?? [] }));
}
