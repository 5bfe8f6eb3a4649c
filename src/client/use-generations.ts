"use client";

import "client-only";
import { useCallback, useState } from "react";
import { isActive } from "@/shared/generation-status";
import type { GenerationPage, GenerationView } from "@/shared/generation-view";
import { fetchGenerationPage, type GalleryFilters, generationsUrl } from "./generations-api";
import { useBackoffInterval } from "./poll-backoff";
import { MAX_WATCHED, useGenerationWatch } from "./use-generation-watch";
import { usePolling } from "./use-polling";

// The visitor's generations, newest first, page by page (cursor). Running ones are watched
// through the status route's long-poll (use-generation-watch.ts), so each shows its result as
// soon as it is saved; only when more are running than are watched is the list itself polled,
// with backoff, hidden tab included (so a job that ends in a background tab can be signalled:
// use-completion-signal.ts); browsers slow such timers down.

export const PAGE_SIZE = 24;

const runningIds = (pages: GenerationPage[]) =>
  pages.flatMap((page) => page.generations.filter((g) => isActive(g.status)).map((g) => g.id));

const anyActive = (pages: GenerationPage[]) => pages.some((page) => page.generations.some((g) => isActive(g.status)));

/**
 * A poll refetches the first page (new items land there), and an older page only while it still
 * holds a running generation; the first load fetches the first page alone. The key is the first
 * page's URL, filters included.
 */
const refreshPages =
  (filters: GalleryFilters) =>
  async (firstUrl: string, pages: GenerationPage[] | undefined): Promise<GenerationPage[]> => {
    const first = await fetchGenerationPage(firstUrl);
    if (!pages || pages.length <= 1) return [first];
    const older = await Promise.all(
      pages.slice(1).map(async (page, i) => {
        if (!page.generations.some((g) => isActive(g.status))) return page;
        return fetchGenerationPage(generationsUrl(pages[i]?.nextCursor ?? null, PAGE_SIZE, filters));
      }),
    );
    return [first, ...older];
  };

export function useGenerations(filters: GalleryFilters = {}) {
  const interval = useBackoffInterval<GenerationPage[]>(anyActive);
  // Only when more are running than the watch takes is the list itself polled.
  const listInterval = useCallback(
    (pages: GenerationPage[]) => (runningIds(pages).length > MAX_WATCHED ? interval(pages) : 0),
    [interval],
  );
  const list = usePolling<GenerationPage[]>(generationsUrl(null, PAGE_SIZE, filters), refreshPages(filters), {
    interval: listInterval,
    whenHidden: true,
    // A changed filter keeps the current cards on screen until its first page arrives.
    keepPreviousData: true,
  });
  const { data, mutate } = list;
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<unknown>(undefined);

  const generations = data?.flatMap((page) => page.generations) ?? [];
  const activeIds = data ? runningIds(data) : [];
  const nextCursor = data?.at(-1)?.nextCursor ?? null;

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await fetchGenerationPage(generationsUrl(nextCursor, PAGE_SIZE, filters));
      setLoadMoreError(undefined);
      mutate((pages = []) => [...pages, page]);
    } catch (error) {
      setLoadMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  }, [mutate, nextCursor, filters]);

  /** Puts a generation at the top (new) or updates it in place (same id), without refetching. */
  const upsert = useCallback(
    (generation: GenerationView) =>
      mutate((pages = []) => {
        const found = pages.some((page) => page.generations.some((g) => g.id === generation.id));
        if (found) {
          return pages.map((page) => ({
            ...page,
            generations: page.generations.map((g) => (g.id === generation.id ? generation : g)),
          }));
        }
        const [first, ...rest] = pages;
        return [{ generations: [generation, ...(first?.generations ?? [])], nextCursor: first?.nextCursor ?? null }, ...rest];
      }),
    [mutate],
  );

  useGenerationWatch(activeIds.length <= MAX_WATCHED ? activeIds : [], upsert);

  return {
    generations,
    error: list.error ?? loadMoreError,
    isLoading: list.isLoading,
    hasMore: nextCursor !== null,
    loadingMore,
    loadMore,
    upsert,
  };
}
