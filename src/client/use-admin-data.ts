"use client";

import "client-only";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { AdminGenerationPage } from "@/shared/admin-views";
import { isActive } from "@/shared/generation-status";
import {
  ADMIN_SUMMARY_URL,
  type AdminFilterValues,
  adminGenerationsUrl,
  adminGenerationUrl,
  fetchAdminDetail,
  fetchAdminPage,
  fetchAdminSummary,
} from "./admin-api";
import { ApiError } from "./http";
import { refreshPages, useLoadMore } from "./paged-list";
import { usePolling } from "./use-polling";

// The console's data, polled every few seconds while the tab is visible (usePolling waits while
// it is hidden). A 401 means the session ended: the page re-renders as the sign-in form.

export const POLL_MS = 3000;
export const ADMIN_PAGE_SIZE = 25;

const every = () => POLL_MS;
/** A 401 (session over) or 4xx will not heal by retrying; the rest are retried at the poll pace. */
const retryDelay = (error: unknown) => (error instanceof ApiError && error.status < 500 ? null : POLL_MS);

export function useSignOutOnUnauthorized(error: unknown): void {
  const router = useRouter();
  useEffect(() => {
    if (error instanceof ApiError && error.status === 401) router.refresh();
  }, [error, router]);
}

export function useAdminGenerations(filters: AdminFilterValues) {
  const fetchPage = (cursor: string | null) => fetchAdminPage(adminGenerationsUrl(filters, cursor, ADMIN_PAGE_SIZE));
  // The previous filter's rows stay on screen while a new filter loads (usePolling never hands
  // them to this filter's refresh).
  const list = usePolling<AdminGenerationPage[]>(adminGenerationsUrl(filters, null, ADMIN_PAGE_SIZE), refreshPages(fetchPage), {
    interval: every,
    retryDelay,
    keepPreviousData: true,
  });
  useSignOutOnUnauthorized(list.error);
  const { data, mutate } = list;
  const more = useLoadMore(data, mutate, fetchPage);

  return {
    generations: data?.flatMap((page) => page.generations) ?? [],
    error: list.error,
    isLoading: list.isLoading,
    hasMore: more.hasMore,
    loadingMore: more.loadingMore,
    loadMore: more.loadMore,
    refresh: () => mutate(),
  };
}

export function useAdminSummary() {
  const summary = usePolling(ADMIN_SUMMARY_URL, fetchAdminSummary, { interval: every, retryDelay });
  useSignOutOnUnauthorized(summary.error);
  return summary;
}

export type AdminSummaryState = ReturnType<typeof useAdminSummary>;

export function useAdminGeneration(id: string | null) {
  const detail = usePolling(id ? adminGenerationUrl(id) : null, fetchAdminDetail, {
    interval: (data) => (isActive(data.status) ? POLL_MS : 0),
    retryDelay,
  });
  useSignOutOnUnauthorized(detail.error);
  return detail;
}
