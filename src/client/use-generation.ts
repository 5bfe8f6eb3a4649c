"use client";

import "client-only";
import useSWR from "swr";
import { isActive } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { fetchGeneration, generationUrl } from "./generations-api";
import { ApiError } from "./http";
import { POLL_DEDUPE_MS, useBackoffInterval } from "./poll-backoff";

// One generation, polled (local DB only) with backoff until it reaches a terminal state.

const shouldRetry = (error: unknown) => !(error instanceof ApiError && error.status >= 400 && error.status < 500);

/** Module-level, so the backoff's refreshInterval stays one stable function. */
const stillRunning = (generation: GenerationView) => isActive(generation.status);

export function useGeneration(id: string) {
  const refreshInterval = useBackoffInterval<GenerationView>(stillRunning);
  const swr = useSWR<GenerationView, unknown>(generationUrl(id), fetchGeneration, {
    refreshInterval,
    // Only while it runs (the interval is 0 once it has ended): its end is signalled in a hidden tab.
    refreshWhenHidden: true,
    dedupingInterval: POLL_DEDUPE_MS,
    revalidateOnFocus: true,
    onErrorRetry: (error, _key, _config, revalidate, { retryCount }) => {
      if (!shouldRetry(error) || retryCount >= 10) return;
      setTimeout(() => revalidate({ retryCount }), Math.min(1000 * 2 ** retryCount, 10_000));
    },
  });
  const notFound = swr.error instanceof ApiError && swr.error.status === 404;
  return { ...swr, generation: swr.data, notFound };
}
