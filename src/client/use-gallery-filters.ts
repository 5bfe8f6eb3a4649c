"use client";

import "client-only";
import { useEffect, useState } from "react";
import { GALLERY_FILTER_PARAMS, type GalleryFilters, galleryFilterParams } from "@/shared/gallery-filters";

/**
 * The gallery's filters, starting from those the page's address asked for and written back to
 * it as they change (replacing the history entry: a filter is not a page to go back to), so a
 * reload or a bookmark shows the same view. The address's other parameters are kept.
 */
export function useGalleryFilters(initial: GalleryFilters) {
  const [filters, setFilters] = useState(initial);
  useEffect(() => {
    const url = new URL(window.location.href);
    for (const name of GALLERY_FILTER_PARAMS) url.searchParams.delete(name);
    for (const [name, value] of galleryFilterParams(filters)) url.searchParams.set(name, value);
    if (url.href !== window.location.href) window.history.replaceState(null, "", url);
  }, [filters]);
  return [filters, setFilters] as const;
}
