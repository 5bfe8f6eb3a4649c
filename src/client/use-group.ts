"use client";

import "client-only";
import useSWR from "swr";
import { isActive } from "@/shared/generation-status";
import type { GroupView } from "@/shared/generation-view";
import { fetchGroup, groupUrl } from "./generations-api";
import { ApiError } from "./http";
import { POLL_DEDUPE_MS, useBackoffInterval } from "./poll-backoff";

/** Module-level, so the backoff's refreshInterval stays one stable function. */
const anyRunning = (group: GroupView) => group.generations.some((g) => isActive(g.status));

/** A group of generations, polled with backoff while any of them runs. */
export function useGroup(id: string) {
  const refreshInterval = useBackoffInterval<GroupView>(anyRunning);
  const swr = useSWR<GroupView, unknown>(groupUrl(id), fetchGroup, {
    refreshInterval,
    dedupingInterval: POLL_DEDUPE_MS,
    shouldRetryOnError: (error: unknown) => !(error instanceof ApiError && error.status < 500),
  });
  const notFound = swr.error instanceof ApiError && swr.error.status === 404;
  return { group: swr.data, error: swr.error, notFound, mutate: swr.mutate };
}
