"use client";

import "client-only";
import { useMemo } from "react";
import { anyActive } from "@/shared/generation-status";
import type { GroupView } from "@/shared/generation-view";
import { withoutDeleted } from "./deleted-generations";
import { fetchGroup, groupUrl } from "./generations-api";
import { ApiError, retryUnlessClientError } from "./http";
import { useBackoffInterval } from "./poll-backoff";
import { usePolling } from "./use-polling";

/** Module-level, so the backoff's interval stays one stable function. */
const anyRunning = (group: GroupView) => anyActive(group.generations);

/** A group of generations, polled with backoff while any of them runs; `initial` as the server rendered it. */
export function useGroup(id: string, initial?: GroupView) {
  const interval = useBackoffInterval<GroupView>(anyRunning);
  const polled = usePolling<GroupView>(groupUrl(id), fetchGroup, { interval, retryDelay: retryUnlessClientError, initial });
  const notFound = polled.error instanceof ApiError && polled.error.status === 404;
  const { data } = polled;
  const group = useMemo(() => data && { ...data, generations: withoutDeleted(data.generations) }, [data]);
  return { group, error: polled.error, notFound, mutate: polled.mutate };
}
