"use client";

import "client-only";
import { useCallback, useMemo } from "react";
import { GALLERY_PAGE_SIZE, type GalleryFilters, hasGalleryFilters } from "@/shared/gallery-filters";
import { anyActive, isActive } from "@/shared/generation-status";
import type { GenerationPage, GenerationView } from "@/shared/generation-view";
import { withoutDeleted } from "./deleted-generations";
import { fetchGenerationPage, generationsUrl } from "./generations-api";
import { refreshPages, useLoadMore } from "./paged-list";
import { useBackoffInterval } from "./poll-backoff";
import { MAX_WATCHED, useGenerationWatch } from "./use-generation-watch";
import { usePolling } from "./use-polling";

// The visitor's generations, newest first, page by page (cursor). Running ones are watched
// through the status route's long-poll (use-generation-watch.ts), so each shows its result as
// soon as it is saved; only when more are running than are watched is the list itself polled,
// with backoff, hidden tab included (so a job that ends in a background tab can be signalled:
// use-completion-signal.ts); browsers slow such timers down.

const runningIds = (pages: GenerationPage[]) =>
  pages.flatMap((page) => page.generations.filter((g) => isActive(g.status)).map((g) => g.id));

const anyPageActive = (pages: GenerationPage[]) => pages.some((page) => anyActive(page.generations));

/** `initial`: the first page for these filters as the server rendered the studio with it, if it did. */
export function useGenerations(filters: GalleryFilters = {}, initial?: GenerationPage[]) {
  const interval = useBackoffInterval<GenerationPage[]>(anyPageActive);
  // Only when more are running than the watch takes is the list itself polled.
  const listInterval = useCallback(
    (pages: GenerationPage[]) => (runningIds(pages).length > MAX_WATCHED ? interval(pages) : 0),
    [interval],
  );
  const fetchPage = (cursor: string | null) => fetchGenerationPage(generationsUrl(cursor, GALLERY_PAGE_SIZE, filters));
  const list = usePolling<GenerationPage[]>(generationsUrl(null, GALLERY_PAGE_SIZE, filters), refreshPages(fetchPage), {
    interval: listInterval,
    whenHidden: true,
    // A changed filter keeps the current cards on screen until its first page arrives.
    keepPreviousData: true,
    initial,
  });
  const { data, mutate } = list;
  const { loadMoreError, ...more } = useLoadMore(data, mutate, fetchPage);

  // Stable between renders while the data is, so effects keyed on them run only when it changes.
  const generations = useMemo(() => withoutDeleted(data?.flatMap((page) => page.generations) ?? []), [data]);
  const activeIds = useMemo(() => (data ? runningIds(data) : []), [data]);

  /** Puts a generation at the top (new) or updates it in place (same id), without refetching. */
  const upsert = useCallback((generation: GenerationView) => mutate(upsertInto(generation)), [mutate]);
  // A watched generation that changes under a filter may no longer match it (one that fails
  // under "Hide failed"): it is updated at once, and the list fetched again for the server to say.
  const filtered = hasGalleryFilters(filters);
  const onWatched = useCallback(
    (generation: GenerationView) => mutate(upsertInto(generation), { revalidate: filtered }),
    [mutate, filtered],
  );

  useGenerationWatch(activeIds.length <= MAX_WATCHED ? activeIds : [], onWatched);

  return {
    generations,
    error: list.error ?? loadMoreError,
    isLoading: list.isLoading,
    ...more,
    upsert,
  };
}

/** The pages with `generation` updated in place (same id), or put first (new). */
function upsertInto(generation: GenerationView) {
  return (pages: GenerationPage[] = []): GenerationPage[] => {
    const found = pages.some((page) => page.generations.some((g) => g.id === generation.id));
    if (found) {
      return pages.map((page) => ({
        ...page,
        generations: page.generations.map((g) => (g.id === generation.id ? generation : g)),
      }));
    }
    const [first, ...rest] = pages;
    return [{ generations: [generation, ...(first?.generations ?? [])], nextCursor: first?.nextCursor ?? null }, ...rest];
  };
}
