import "server-only";
import type { GenerationPage, GenerationView } from "@/shared/generation-view";
import { getDb } from "../db";
import { decodeCursor, encodeCursor } from "../db/cursor";
import { getGenerationWithOutputs, listOwnerGenerations } from "../db/queries";
import { AppError } from "../errors";
import { toGenerationView } from "./view";

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
