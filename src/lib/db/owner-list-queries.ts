import "server-only";
import { and, desc, eq, ne, type SQL } from "drizzle-orm";
import type { StatusFilter } from "@/shared/generation-status";
import { afterCursor, type Cursor, cursorAt, pageOf } from "./cursor";
import { promptContains, statusIs } from "./generation-filters";
import { ownedBy, viewSelection, withOutputs } from "./queries";
import { generations } from "./schema";
import type { Executor } from "./types";

// An owner's own list of generations (GET /api/generations), newest first, with their outputs.

/** What an owner can narrow their own list by (GET /api/generations' query). */
export type OwnerListFilters = {
  /** Prompt text (case-insensitive, literal): served by the trigram index. */
  q?: string;
  model?: string;
  status?: StatusFilter;
  favourite?: boolean;
  hideFailed?: boolean;
};

function ownerFilterConditions(f: OwnerListFilters): (SQL | undefined)[] {
  const g = generations;
  return [
    f.q ? promptContains(f.q) : undefined,
    f.model ? eq(g.modelKey, f.model) : undefined,
    f.status ? statusIs(f.status) : undefined,
    f.favourite ? eq(g.favourite, true) : undefined,
    f.hideFailed ? ne(g.status, "failed") : undefined,
  ];
}

/** An owner's generations, newest first, keyset-paginated on (created_at, id). */
export async function listOwnerGenerations(
  db: Executor,
  { ownerId, cursor, limit, filters = {} }: { ownerId: string; cursor: Cursor | null; limit: number; filters?: OwnerListFilters },
) {
  const { rows, next } = pageOf(
    await db
      .select({ ...viewSelection(), cursorAt })
      .from(generations)
      .where(and(ownedBy(ownerId), ...ownerFilterConditions(filters), afterCursor(cursor)))
      .orderBy(desc(generations.createdAt), desc(generations.id))
      .limit(limit + 1),
    limit,
  );
  return { items: await withOutputs(db, rows), next };
}
