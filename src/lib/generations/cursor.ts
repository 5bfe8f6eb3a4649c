import type { Cursor } from "../db/cursor";
import { AppError } from "../errors";

// The opaque cursor of the generation lists: base64url(`created_at|id`), created_at with the
// microseconds Postgres keeps.

const MICRO_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`).toString("base64url");
}

export function decodeCursor(value: string | null | undefined): Cursor | null {
  if (!value) return null;
  const [createdAt, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (!createdAt || !id || !MICRO_ISO.test(createdAt) || Number.isNaN(Date.parse(createdAt))) {
    throw new AppError("bad_request", "Invalid cursor", { fields: [{ path: "cursor", message: "Invalid cursor" }] });
  }
  return { createdAt, id };
}
