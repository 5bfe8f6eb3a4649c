"use client";

import "client-only";
import { isActive } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { fetchGeneration, generationUrl } from "./generations-api";
import { ApiError } from "./http";
import { useBackoffInterval } from "./poll-backoff";
import { usePolling } from "./use-polling";

// One generation, polled (local DB only) with backoff until it reaches a terminal state, hidden
// tab included (its end is signalled there).

/** 4xx answers (gone, not yours) will not change: no retry. Others: 1 s, 2 s … 10 s, ten times. */
const retryDelay = (error: unknown, attempt: number) =>
  (error instanceof ApiError && error.status >= 400 && error.status < 500) || attempt > 10
    ? null
    : Math.min(1000 * 2 ** (attempt - 1), 10_000);

/** Module-level, so the backoff's interval stays one stable function. */
const stillRunning = (generation: GenerationView) => isActive(generation.status);

export function useGeneration(id: string) {
  const interval = useBackoffInterval<GenerationView>(stillRunning);
  const polled = usePolling<GenerationView>(generationUrl(id), fetchGeneration, { interval, retryDelay, whenHidden: true });
  const notFound = polled.error instanceof ApiError && polled.error.status === 404;
  return { ...polled, generation: polled.data, notFound };
}
