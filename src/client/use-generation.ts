"use client";

import "client-only";
import { isActive } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { fetchGeneration, generationUrl } from "./generations-api";
import { ApiError, retryUnlessClientError } from "./http";
import { useGenerationWatch } from "./use-generation-watch";
import { usePolling } from "./use-polling";

// One generation (local DB only): loaded once, then watched through the status route's long-poll
// (use-generation-watch.ts) until it reaches a terminal state, hidden tab included (its end is
// signalled there).

/** `initial`: the generation as the server rendered the page with it (running or ended), if it did. */
export function useGeneration(id: string, initial?: GenerationView) {
  // Loaded once (and again when the tab comes back into view); while it runs, the watch brings
  // each change. interval 0: no polling of our own.
  const polled = usePolling<GenerationView>(generationUrl(id), fetchGeneration, {
    interval: () => 0,
    retryDelay: retryUnlessClientError,
    initial,
  });
  const { data, mutate } = polled;
  useGenerationWatch(data && isActive(data.status) ? [id] : [], (g) => void mutate(g));
  const notFound = polled.error instanceof ApiError && polled.error.status === 404;
  return { ...polled, generation: polled.data, notFound };
}
