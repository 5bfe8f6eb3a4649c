import "server-only";
import { anyActive } from "@/shared/generation-status";
import type { GenerationPage } from "@/shared/generation-view";
import type { OwnerListFilters } from "../db/owner-list-queries";
import { listOwnerGenerationViews } from "./read";

/**
 * The gallery's first page for the studio's HTML, so its cards are in the first paint rather than
 * after a read from the browser. Undefined (the browser reads it, as before) when a generation on
 * it is running, whose card ticks by the browser's clock and draws its progress with a style
 * attribute the CSP refuses in server HTML, or when the database cannot answer now.
 */
export async function galleryFirstPage(
  ownerId: string | null,
  limit: number,
  filters: OwnerListFilters,
): Promise<GenerationPage[] | undefined> {
  // No owner yet: a first visit, whose gallery is empty.
  if (!ownerId) return [{ generations: [], nextCursor: null }];
  try {
    const page = await listOwnerGenerationViews(ownerId, null, limit, filters);
    return anyActive(page.generations) ? undefined : [page];
  } catch (error) {
    console.error("[page] could not read the gallery:", error instanceof Error ? error.message : error);
    return undefined;
  }
}
