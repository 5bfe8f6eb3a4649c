"use client";

import "client-only";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import useSWR from "swr";
import useSWRInfinite from "swr/infinite";
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

// The console's data, polled every few seconds while the tab is visible (SWR pauses refreshes
// while it is hidden). A 401 means the session ended: the page re-renders as the sign-in form.

export const POLL_MS = 3000;
export const ADMIN_PAGE_SIZE = 25;

export function useSignOutOnUnauthorized(error: unknown): void {
  const router = useRouter();
  useEffect(() => {
    if (error instanceof ApiError && error.status === 401) router.refresh();
  }, [error, router]);
}

export function useAdminGenerations(filters: AdminFilterValues) {
  // Polls refetch the first page (new rows land there), and older pages only while they hold
  // running generations.
  const [revalidateAll, setRevalidateAll] = useState(false);
  const swr = useSWRInfinite<AdminGenerationPage, unknown>(
    (index, previous: AdminGenerationPage | null) =>
      index > 0 && !previous?.nextCursor ? null : adminGenerationsUrl(filters, previous?.nextCursor ?? null, ADMIN_PAGE_SIZE),
    fetchAdminPage,
    { refreshInterval: POLL_MS, keepPreviousData: true, revalidateAll },
  );
  useSignOutOnUnauthorized(swr.error);
  const { data, size, setSize } = swr;
  useEffect(() => {
    setRevalidateAll(Boolean(data?.slice(1).some((page) => page.generations.some((g) => isActive(g.status)))));
  }, [data]);
  const generations = data?.flatMap((page) => page.generations) ?? [];
  return {
    generations,
    error: swr.error,
    isLoading: swr.isLoading,
    hasMore: Boolean(data?.at(-1)?.nextCursor),
    loadingMore: size > 0 && data !== undefined && data[size - 1] === undefined,
    loadMore: () => setSize(size + 1),
    refresh: () => swr.mutate(),
  };
}

export function useAdminSummary() {
  const swr = useSWR(ADMIN_SUMMARY_URL, fetchAdminSummary, { refreshInterval: POLL_MS });
  useSignOutOnUnauthorized(swr.error);
  return swr;
}

export function useAdminGeneration(id: string | null) {
  const swr = useSWR(id ? adminGenerationUrl(id) : null, fetchAdminDetail, {
    refreshInterval: (data) => (data && !isActive(data.status) ? 0 : POLL_MS),
  });
  useSignOutOnUnauthorized(swr.error);
  return swr;
}
