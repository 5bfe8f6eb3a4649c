"use client";

import "client-only";
import { useCallback, useState } from "react";
import { anyActive, type GenerationStatus } from "@/shared/generation-status";

// A newest-first list of generations loaded page by page (cursor), as the studio's gallery and
// the admin console both show one: how a poll refreshes the pages held, and "Load more".

export type CursorPage = { generations: { status: GenerationStatus }[]; nextCursor: string | null };

/**
 * A poll's load: the first page again (new items land there), and an older page only while it
 * still holds a running generation; with no older pages, the first page alone.
 * `fetchPage(cursor)` fetches the page after `cursor` (null: the first).
 */
export function refreshPages<P extends CursorPage>(fetchPage: (cursor: string | null) => Promise<P>) {
  return async (_key: string, pages: P[] | undefined): Promise<P[]> => {
    const first = await fetchPage(null);
    if (!pages || pages.length <= 1) return [first];
    const older = await Promise.all(
      pages.slice(1).map((page, i) => (anyActive(page.generations) ? fetchPage(pages[i]?.nextCursor ?? null) : page)),
    );
    return [first, ...older];
  };
}

/**
 * "Load more": fetches the page after the last one held and appends it. A failure is kept as
 * `loadMoreError` until a later load succeeds.
 */
export function useLoadMore<P extends CursorPage>(
  pages: P[] | undefined,
  mutate: (update: (current: P[] | undefined) => P[]) => Promise<unknown>,
  fetchPage: (cursor: string) => Promise<P>,
) {
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<unknown>(undefined);
  const nextCursor = pages?.at(-1)?.nextCursor ?? null;

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await fetchPage(nextCursor);
      setLoadMoreError(undefined);
      await mutate((current = []) => [...current, page]);
    } catch (error) {
      setLoadMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  }, [fetchPage, mutate, nextCursor]);

  return { hasMore: nextCursor !== null, loadingMore, loadMore, loadMoreError };
}
