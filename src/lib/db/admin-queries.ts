import "server-only";
import { and, count, desc, eq, gte, inArray, isNotNull, isNull, like, lt, type SQL, sql } from "drizzle-orm";
import type { DeletedFilter } from "@/shared/admin-views";
import { activeStatuses, type StatusFilter } from "@/shared/generation-status";
import { afterCursor, type Cursor, cursorAt, pageOf } from "./cursor";
import { escapeLike, promptContains, promptText, statusIs } from "./generation-filters";
import { generationColumns } from "./queries";
import { generationOutputs, generations } from "./schema";
import type { Executor } from "./types";

// Every SQL statement of the admin console: reads across all owners, explicit columns only.

/** What the admin list can be narrowed by (the route parses these from the query string). */
export type AdminGenerationFilters = {
  status?: StatusFilter;
  model?: string;
  /** Owner id or its beginning (the console shows shortened ids). */
  owner?: string;
  /** Prompt text to search for (case-insensitive, literal). */
  q?: string;
  /** created_at ≥ from */
  from?: Date;
  /** created_at < to */
  to?: Date;
  /** Generations their owner deleted: left out ("hide"), or alone ("only"); both when unset. */
  deleted?: DeletedFilter;
};

const g = generations;

export function rowSelection() {
  return {
    id: g.id,
    prompt: promptText,
    modelKey: g.modelKey,
    ownerId: g.ownerId,
    status: g.status,
    progress: g.progress,
    error: g.error,
    canceledBy: g.canceledBy,
    deletedAt: g.deletedAt,
    createdAt: g.createdAt,
    startedAt: g.startedAt,
    completedAt: g.completedAt,
    predictTime: g.predictTime,
    durationSeconds: sql<number | null>`extract(epoch from (coalesce(${g.completedAt}, now()) - ${g.startedAt}))::float8`,
    thumbnailUrl: sql<string | null>`(select ${generationOutputs.url} from ${generationOutputs}
      where ${generationOutputs.generationId} = ${g.id} order by ${generationOutputs.index} limit 1)`,
    cursorAt,
  };
}

export function filterConditions(f: AdminGenerationFilters): (SQL | undefined)[] {
  return [
    f.status ? statusIs(f.status) : undefined,
    f.model ? eq(g.modelKey, f.model) : undefined,
    f.owner ? like(g.ownerId, `${escapeLike(f.owner)}%`) : undefined,
    f.q ? promptContains(f.q) : undefined,
    f.from ? gte(g.createdAt, f.from) : undefined,
    f.to ? lt(g.createdAt, f.to) : undefined,
    f.deleted === "only" ? isNotNull(g.deletedAt) : f.deleted === "hide" ? isNull(g.deletedAt) : undefined,
  ];
}

export type ListParams = { filters: AdminGenerationFilters; cursor: Cursor | null; limit: number };

/**
 * Every owner's generations, newest first, keyset-paginated on (created_at, id). With a prompt
 * search (filters.q), use searchAllGenerations (admin-search-queries.ts) instead.
 */
export async function listAllGenerations(db: Executor, params: ListParams) {
  return pageOf(await filteredRows(db, params), params.limit);
}

/** The matching rows after the cursor, newest first, one more than a page. */
export function filteredRows(db: Executor, { filters, cursor, limit }: ListParams) {
  return db
    .select(rowSelection())
    .from(g)
    .where(and(...filterConditions(filters), afterCursor(cursor)))
    .orderBy(desc(g.createdAt), desc(g.id))
    .limit(limit + 1);
}

export type AdminRow = Awaited<ReturnType<typeof filteredRows>>[number];

/** One generation with what an operator needs to debug it (no idempotency key, no owner secrets). */
export async function getAdminGeneration(db: Executor, id: string) {
  return generationColumns(db, id, {
    ...rowSelection(),
    version: g.version,
    input: g.input,
    predictionId: g.predictionId,
    logsTail: g.logsTail,
    cancelRequestedAt: g.cancelRequestedAt,
    updatedAt: g.updatedAt,
  });
}

export async function countActiveGenerations(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(g)
    .where(inArray(g.status, [...activeStatuses]));
  return row?.n ?? 0;
}

export async function countFailuresSince(db: Executor, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(g)
    // Spelled as the partial index generations_failed_recent is (a literal status, the same
    // expression), so the planner reads only the last hour's failures from it.
    .where(sql`${g.status} = 'failed' and coalesce(${g.completedAt}, ${g.updatedAt}) >= ${since.toISOString()}::timestamptz`);
  return row?.n ?? 0;
}

/** Ids of generations not yet finished, oldest first (the ones burning money longest). */
export async function listActiveGenerationIds(db: Executor, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: g.id })
    .from(g)
    .where(inArray(g.status, [...activeStatuses]))
    .orderBy(g.createdAt)
    .limit(limit);
  return rows.map((r) => r.id);
}
