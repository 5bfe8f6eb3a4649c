import { statusFilters } from "./generation-status";

// The studio gallery's filters, under the same names in the page's address (`/?status=failed`,
// so a filtered view survives a reload and can be bookmarked) as in GET /api/generations.

export type GalleryFilters = { q?: string; model?: string; status?: string; favourite?: boolean; hideFailed?: boolean };

/** The names the filters take in a query string. */
export const GALLERY_FILTER_PARAMS = ["q", "model", "status", "favourite", "hideFailed"] as const;

/** Generations on one page of the gallery (the first one is rendered with the studio). */
export const GALLERY_PAGE_SIZE = 24;

/** The longest search text, in the address, the search box and the list API. */
export const MAX_GALLERY_QUERY = 200;

/** The filters that are set, as query parameters (search text trimmed). */
export function galleryFilterParams(filters: GalleryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q?.trim()) params.set("q", filters.q.trim());
  if (filters.model) params.set("model", filters.model);
  if (filters.status) params.set("status", filters.status);
  if (filters.favourite) params.set("favourite", "true");
  // Only beside "any status": with one status it adds nothing, and with "failed" it would empty the list.
  if (filters.hideFailed && !filters.status) params.set("hideFailed", "true");
  return params;
}

/** Whether any filter narrows the list. */
export const hasGalleryFilters = (filters: GalleryFilters): boolean => galleryFilterParams(filters).toString() !== "";

type Query = Record<string, string | string[] | undefined>;

/**
 * The filters a page address asks for. Anything unknown or malformed is left out rather than
 * refused: an old bookmark naming a model no longer offered still opens the studio.
 */
export function galleryFiltersFrom(query: Query, modelKeys: readonly string[]): GalleryFilters {
  const one = (name: string) => {
    const value = query[name];
    return typeof value === "string" ? value : undefined;
  };
  const filters: GalleryFilters = {};
  const q = one("q");
  if (q?.trim() && q.length <= MAX_GALLERY_QUERY) filters.q = q;
  const model = one("model");
  if (model && modelKeys.includes(model)) filters.model = model;
  const status = one("status");
  if (status && (statusFilters as readonly string[]).includes(status)) filters.status = status;
  if (one("favourite") === "true") filters.favourite = true;
  if (one("hideFailed") === "true" && !filters.status) filters.hideFailed = true;
  return filters;
}
