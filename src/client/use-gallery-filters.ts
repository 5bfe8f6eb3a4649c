"use client";

import "client-only";
import { useEffect, useState } from "react";
import { GALLERY_FILTER_PARAMS, type GalleryFilters, galleryFilterParams, galleryFiltersFrom } from "@/shared/gallery-filters";

/** The filters in the browser's address now, read as the server reads a page's query. */
function filtersInAddress(modelKeys: readonly string[]): GalleryFilters {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(window.location.search)) {
    const before = query[name];
    query[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return galleryFiltersFrom(query, modelKeys);
}

/**
 * The gallery's filters, starting from those of the page's address and written back to it as they
 * change (replacing the history entry: a filter is not a page to go back to), so a reload or a
 * bookmark shows the same view. The address's other parameters are kept.
 *
 * They start from the address itself, not `asked` (what the server read from it when it rendered
 * the page): a page restored by Back comes from Next's router cache with the props of its first
 * render, from before the filters changed. On a fresh page the two are the same.
 */
export function useGalleryFilters(asked: GalleryFilters, modelKeys: readonly string[]) {
  const [filters, setFilters] = useState(() => (typeof window === "undefined" ? asked : filtersInAddress(modelKeys)));
  useEffect(() => {
    const url = new URL(window.location.href);
    for (const name of GALLERY_FILTER_PARAMS) url.searchParams.delete(name);
    for (const [name, value] of galleryFilterParams(filters)) url.searchParams.set(name, value);
    if (url.href !== window.location.href) window.history.replaceState(null, "", url);
  }, [filters]);
  return [filters, setFilters] as const;
}
