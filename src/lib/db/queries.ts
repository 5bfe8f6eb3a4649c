import "server-only";
import { and, desc, eq, ilike, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import { activeStatuses, type StatusFilter } from "@/shared/generation-status";
import { afterCursor, type Cursor, cursorAt } from "./cursor";
import { generationOutputs, generations, type NewGeneration, type OutputVariant, webhookEvents } from "./schema";
import type { Executor } from "./types";

// Reading generations and their outputs (and creating them). A status poll's reads are in
// poll-queries.ts; writes that move a generation in transition-queries.ts; the webhook dedupe
// log in webhook-event-queries.ts.

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
  const [row] = await db
    .select({
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
    })
    .from(generations)
    .where(eq(generations.id, id));
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

/** What an owner can narrow their own list by (GET /api/generations' query). */
export type OwnerListFilters = {
  /** Prompt text (case-insensitive, literal): served by the trigram index. */
  q?: string;
  model?: string;
  status?: StatusFilter;
  favourite?: boolean;
  hideFailed?: boolean;
};

/** LIKE pattern text matching `text` literally (its %, _ and \ escaped). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function ownerFilterConditions(f: OwnerListFilters): (SQL | undefined)[] {
  const g = generations;
  return [
    f.q ? ilike(sql`${g.input}->>'prompt'`, `%${escapeLike(f.q)}%`) : undefined,
    f.model ? eq(g.modelKey, f.model) : undefined,
    f.status === "active" ? inArray(g.status, [...activeStatuses]) : f.status ? eq(g.status, f.status) : undefined,
    f.favourite ? eq(g.favourite, true) : undefined,
    f.hideFailed ? ne(g.status, "failed") : undefined,
  ];
}

/** An owner's generations, newest first, keyset-paginated on (created_at, id). */
export async function listOwnerGenerations(
  db: Executor,
  { ownerId, cursor, limit, filters = {} }: { ownerId: string; cursor: Cursor | null; limit: number; filters?: OwnerListFilters },
) {
  const rows = await db
    .select({ ...viewSelection(), cursorAt })
    .from(generations)
    .where(and(ownedBy(ownerId), ...ownerFilterConditions(filters), afterCursor(cursor)))
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
