"use client";

import "client-only";
import { isActive } from "@/shared/generation-status";
import type { GroupView } from "@/shared/generation-view";
import { fetchGroup, groupUrl } from "./generations-api";
import { ApiError } from "./http";
import { useBackoffInterval } from "./poll-backoff";
import { usePolling } from "./use-polling";

/** Module-level, so the backoff's interval stays one stable function. */
const anyRunning = (group: GroupView) => group.generations.some((g) => isActive(g.status));

/** 4xx answers (gone, not yours) will not change: no retry. */
const retryDelay = (error: unknown, attempt: number) =>
  (error instanceof ApiError && error.status < 500) || attempt > 10 ? null : Math.min(1000 * 2 ** (attempt - 1), 10_000);

/** A group of generations, polled with backoff while any of them runs. */
export function useGroup(id: string) {
  const interval = useBackoffInterval<GroupView>(anyRunning);
  const polled = usePolling<GroupView>(groupUrl(id), fetchGroup, { interval, retryDelay });
  const notFound = polled.error instanceof ApiError && polled.error.status === 404;
  return { group: polled.data, error: polled.error, notFound, mutate: polled.mutate };
}
