import "server-only";
import type { GenerationPage } from "@/shared/generation-view";
import type { OwnerListFilters } from "../db/owner-list-queries";
import { listOwnerGenerationViews } from "./read";

/**
 * The gallery's first page for the studio's HTML, so its cards are in the first paint rather than
 * after a read from the browser, running ones included (the browser then watches them). Undefined
 * (the browser reads it) when the database cannot answer now.
 */
export async function galleryFirstPage(
  ownerId: string | null,
  limit: number,
  filters: OwnerListFilters,
): Promise<GenerationPage[] | undefined> {
  // No owner yet: a first visit, whose gallery is empty.
  if (!ownerId) return [{ generations: [], nextCursor: null }];
  try {
    return [await listOwnerGenerationViews(ownerId, null, limit, filters)];
  } catch (error) {
    console.error("[page] could not read the gallery:", error instanceof Error ? error.message : error);
    return undefined;
  }
}
