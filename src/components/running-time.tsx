"use client";

import { useNow } from "@/client/use-now";
import type { GenerationView } from "@/shared/generation-view";
import { coldBootAfterSeconds, estimateText } from "@/shared/model-timing";
import { formatDuration } from "@/shared/time";
import { useModelTiming } from "./model-timings";

type Running = Pick<GenerationView, "model" | "status" | "createdAt">;

/** Seconds since the request, and whether the model is probably booting cold by now. */
export function useRunningClock(generation: Running, running: boolean) {
  const now = useNow(running);
  const timing = useModelTiming(generation.model);
  const elapsedMs = Math.max(0, now - new Date(generation.createdAt).getTime());
  const waiting = generation.status === "queued" || generation.status === "starting";
  return {
    elapsedMs,
    estimate: estimateText(timing),
    coldBoot: running && waiting && elapsedMs / 1000 > coldBootAfterSeconds(timing),
  };
}

/** "12 s · usually ~6 s": how long a generation has been running, and how long its model takes. */
export function RunningTime({
  elapsedMs,
  estimate,
  className,
}: {
  elapsedMs: number;
  estimate: string | null;
  className?: string;
}) {
  const seconds = Math.round(elapsedMs / 1000);
  return (
    <span className={className} data-testid="running-time">
      <span className="visually-hidden">Running for </span>
      <time dateTime={`PT${seconds}S`}>{formatDuration(elapsedMs, { ticking: true })}</time>
      {estimate && ` · ${estimate}`}
    </span>
  );
}
