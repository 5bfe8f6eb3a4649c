import { type SQL, sql } from "drizzle-orm";
import { parseIsoTimestamp } from "@/shared/iso-date";
import { AppError } from "../errors";
import { generations } from "./schema";

// Keyset pagination on (created_at, id), newest first, shared by the owner's and the admin's
// lists, and the opaque cursor string the API hands out for it. The cursor carries created_at
// with the microseconds Postgres keeps: a JS Date's milliseconds would skip rows created within
// the same millisecond as a page's last row.

export type Cursor = { createdAt: string; id: string };

/** created_at as a microsecond ISO string, selected beside each row to build the next cursor. */
export const cursorAt = sql<string>`to_char(${generations.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Rows strictly after `cursor` in (created_at desc, id desc) order. A row comparison, not
 * `a < x or (a = x and b < y)`: Postgres turns it into an index bound, so a later page starts
 * where the last one ended instead of walking every newer row again.
 */
export function afterCursor(cursor: Cursor | null): SQL | undefined {
  if (!cursor) return undefined;
  return sql`(${generations.createdAt}, ${generations.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id})`;
}

/** A page from one more row than it holds: the extra one says a next page exists. */
export function pageOf<T extends { id: string; cursorAt: string }>(rows: T[], limit: number) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    next: rows.length > limit && last ? { createdAt: last.cursorAt, id: last.id } : null,
  };
}

const MICRO_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
/** Row ids are ours (`gen_…`); anything else in a cursor is a forgery, refused before SQL. */
const CURSOR_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The API's cursor: base64url(`created_at|id`), opaque to clients. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`).toString("base64url");
}

/**
 * Parses a cursor from a query string; a malformed one is a 400 naming `cursor`. Its time must
 * be a real instant PostgreSQL takes (no February 30, no year 0000: src/shared/iso-date.ts) and
 * its id our charset, so a forged cursor never reaches the database as a 500.
 */
export function decodeCursor(value: string | null | undefined): Cursor | null {
  if (!value) return null;
  const [createdAt, id, ...rest] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (
    rest.length > 0 ||
    !createdAt ||
    !id ||
    !MICRO_ISO.test(createdAt) ||
    !parseIsoTimestamp(createdAt) ||
    !CURSOR_ID.test(id)
  ) {
    throw new AppError("bad_request", "Invalid cursor", { fields: [{ path: "cursor", message: "Invalid cursor" }] });
  }
  return { createdAt, id };
}
