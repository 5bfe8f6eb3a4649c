"use client";

import "client-only";
import useSWR from "swr";
import { isActive } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { fetchGeneration, generationUrl } from "./generations-api";
import { ApiError } from "./http";
import { POLL_DEDUPE_MS } from "./poll-backoff";
import { useGenerationWatch } from "./use-generation-watch";

// One generation (local DB only): loaded once, then watched through the status route's long-poll
// (use-generation-watch.ts) until it reaches a terminal state.

const shouldRetry = (error: unknown) => !(error instanceof ApiError && error.status >= 400 && error.status < 500);

export function useGeneration(id: string) {
  const swr = useSWR<GenerationView, unknown>(generationUrl(id), fetchGeneration, {
    dedupingInterval: POLL_DEDUPE_MS,
    revalidateOnFocus: true,
    onErrorRetry: (error, _key, _config, revalidate, { retryCount }) => {
      if (!shouldRetry(error) || retryCount >= 10) return;
      setTimeout(() => revalidate({ retryCount }), Math.min(1000 * 2 ** retryCount, 10_000));
    },
  });
  const { data, mutate } = swr;
  useGenerationWatch(data && isActive(data.status) ? [id] : [], (g) => void mutate(g, { revalidate: false }));
  const notFound = swr.error instanceof ApiError && swr.error.status === 404;
  return { ...swr, generation: swr.data, notFound };
}
