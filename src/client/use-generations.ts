"use client";

import "client-only";
import { useCallback, useEffect, useState } from "react";
import useSWRInfinite from "swr/infinite";
import { isActive } from "@/shared/generation-status";
import type { GenerationPage, GenerationView } from "@/shared/generation-view";
import { fetchGenerationPage, generationsUrl } from "./generations-api";
import { POLL_DEDUPE_MS, useBackoffInterval } from "./poll-backoff";
import { MAX_WATCHED, useGenerationWatch } from "./use-generation-watch";

// The visitor's generations, newest first, page by page (cursor). Running ones are watched
// through the status route's long-poll (use-generation-watch.ts), so each shows its result as
// soon as it is saved; only when more are running than are watched is the list itself polled,
// with backoff, hidden tab included (so a job that ends in a background tab can be signalled:
// use-completion-signal.ts); browsers slow such timers down.

export const PAGE_SIZE = 24;

const keyFor = (index: number, previous: GenerationPage | null): string | null => {
  if (index > 0 && !previous?.nextCursor) return null;
  return generationsUrl(index === 0 ? null : (previous?.nextCursor ?? null), PAGE_SIZE);
};

const anyActive = (pages: GenerationPage[]) => pages.some((page) => page.generations.some((g) => isActive(g.status)));

export function useGenerations() {
  const interval = useBackoffInterval<GenerationPage[]>(anyActive);
  // SWR restarts its timer only when `refreshInterval` changes, so it is switched on explicitly
  // whenever running generations appear (e.g. right after an optimistic insert).
  const [polling, setPolling] = useState(false);
  // A poll refetches the first page only (new items land there), unless an older page still
  // holds a running generation.
  const [deepPolling, setDeepPolling] = useState(false);
  const swr = useSWRInfinite<GenerationPage, unknown>(keyFor, fetchGenerationPage, {
    refreshInterval: polling ? interval : 0,
    refreshWhenHidden: true,
    dedupingInterval: POLL_DEDUPE_MS,
    revalidateAll: deepPolling,
  });
  const { data, mutate, size, setSize } = swr;
  const generations = data?.flatMap((page) => page.generations) ?? [];
  const activeIds = generations.filter((g) => isActive(g.status)).map((g) => g.id);
  const watched = activeIds.length <= MAX_WATCHED;
  useEffect(() => {
    setPolling(data && !watched ? anyActive(data) : false);
    setDeepPolling(data && !watched ? anyActive(data.slice(1)) : false);
  }, [data, watched]);

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

  useGenerationWatch(watched ? activeIds : [], upsert);

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
