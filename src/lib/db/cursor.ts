import { and, eq, lt, or, type SQL, sql } from "drizzle-orm";
import { generations } from "./schema";

// Keyset pagination on (created_at, id), newest first, shared by the owner's and the admin's
// lists. The cursor carries created_at with the microseconds Postgres keeps: a JS Date's
// milliseconds would skip rows created within the same millisecond as a page's last row.

export type Cursor = { createdAt: string; id: string };

/** created_at as a microsecond ISO string, selected beside each row to build the next cursor. */
export const cursorAt = sql<string>`to_char(${generations.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Rows strictly after `cursor` in (created_at desc, id desc) order. */
export function afterCursor(cursor: Cursor | null): SQL | undefined {
  if (!cursor) return undefined;
  const at = sql`${cursor.createdAt}::timestamptz`;
  return or(lt(generations.createdAt, at), and(eq(generations.createdAt, at), lt(generations.id, cursor.id)));
}
