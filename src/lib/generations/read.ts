import "server-only";
import { getDb } from "../db";
import { type Cursor, getGenerationWithOutputs, listOwnerGenerations } from "../db/queries";
import { AppError } from "../errors";
import { type GenerationPage, type GenerationView, toGenerationView } from "./view";

/** One generation as its owner (or an admin, ownerId null) sees it; 404 for anyone else. */
export async function getGenerationView(id: string, ownerId: string | null): Promise<GenerationView> {
  const found = await getGenerationWithOutputs(await getDb(), { id, ownerId });
  // Same answer for "does not exist" and "not yours", so ids cannot be probed.
  if (!found) throw new AppError("not_found", "Generation not found");
  return toGenerationView(found.row, found.outputs);
}

export async function listOwnerGenerationViews(ownerId: string, cursor: string | null, limit: number): Promise<GenerationPage> {
  const page = await listOwnerGenerations(await getDb(), { ownerId, cursor: decodeCursor(cursor), limit });
  return {
    generations: page.items.map(({ row, outputs }) => toGenerationView(row, outputs)),
    nextCursor: page.next ? encodeCursor(page.next) : null,
  };
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`).toString("base64url");
}

export function decodeCursor(value: string | null): Cursor | null {
  if (!value) return null;
  const [at, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) {
    throw new AppError("bad_request", "Invalid cursor", { fields: [{ path: "cursor", message: "Invalid cursor" }] });
  }
  return { createdAt, id };
}
