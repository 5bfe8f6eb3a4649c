"use client";

import "client-only";
import { useCallback, useEffect, useState } from "react";
import useSWRInfinite from "swr/infinite";
import { isActive } from "@/shared/generation-status";
import type { GenerationPage, GenerationView } from "@/shared/generation-view";
import { fetchGenerationPage, type GalleryFilters, generationsUrl } from "./generations-api";
import { POLL_DEDUPE_MS, useBackoffInterval } from "./poll-backoff";

// The visitor's generations, newest first, page by page (cursor). Polled with backoff only
// while some generation on screen is still running; SWR pauses it while the tab is hidden.

export const PAGE_SIZE = 24;

const keyFor =
  (filters: GalleryFilters) =>
  (index: number, previous: GenerationPage | null): string | null => {
    if (index > 0 && !previous?.nextCursor) return null;
    return generationsUrl(index === 0 ? null : (previous?.nextCursor ?? null), PAGE_SIZE, filters);
  };

const anyActive = (pages: GenerationPage[]) => pages.some((page) => page.generations.some((g) => isActive(g.status)));

export function useGenerations(filters: GalleryFilters = {}) {
  const interval = useBackoffInterval<GenerationPage[]>(anyActive);
  // SWR restarts its timer only when `refreshInterval` changes, so it is switched on explicitly
  // whenever running generations appear (e.g. right after an optimistic insert).
  const [polling, setPolling] = useState(false);
  // A poll refetches the first page only (new items land there), unless an older page still
  // holds a running generation.
  const [deepPolling, setDeepPolling] = useState(false);
  const swr = useSWRInfinite<GenerationPage, unknown>(keyFor(filters), fetchGenerationPage, {
    refreshInterval: polling ? interval : 0,
    dedupingInterval: POLL_DEDUPE_MS,
    revalidateAll: deepPolling,
  });
  const { data, mutate, size, setSize } = swr;
  useEffect(() => {
    setPolling(data ? anyActive(data) : false);
    setDeepPolling(data ? anyActive(data.slice(1)) : false);
  }, [data]);

  const generations = data?.flatMap((page) => page.generations) ?? [];
  const hasMore = Boolean(data?.at(-1)?.nextCursor);
  const loadingMore = swr.isLoading || (size > 0 && data !== undefined && data[size - 1] === undefined);

  /** Puts a generation at the top (new) or updates it in place (same id), without refetching. */
  const upsert = useCallback(
    (generation: GenerationView) =>
      mutate(
        (pages = []) => {
          const found = pages.some((page) => page.generations.some((g) => g.id === generation.id));
          if (found) {
            return pages.map((page) => ({
              ...page,
              generations: page.generations.map((g) => (g.id === generation.id ? generation : g)),
            }));
          }
          const [first, ...rest] = pages;
          return [{ generations: [generation, ...(first?.generations ?? [])], nextCursor: first?.nextCursor ?? null }, ...rest];
        },
        { revalidate: false },
      ),
    [mutate],
  );

  return {
    generations,
    error: swr.error,
    isLoading: swr.isLoading,
    hasMore,
    loadingMore,
    loadMore: () => setSize(size + 1),
    upsert,
  };
}
