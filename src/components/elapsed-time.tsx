"use client";

import { useNow } from "@/client/use-now";
import type { GenerationView } from "@/shared/generation-view";
import { formatDuration } from "@/shared/time";

type Props = { generation: Pick<GenerationView, "createdAt" | "completedAt">; running: boolean };

/** Time since the request was made, ticking each second until the generation finishes. */
export function ElapsedTime({ generation, running }: Props) {
  const now = useNow(running);

  const start = new Date(generation.createdAt).getTime();
  const end = generation.completedAt ? new Date(generation.completedAt).getTime() : now;
  const text = formatDuration(end - start, { ticking: !generation.completedAt });
  return <time dateTime={`PT${Math.max(0, Math.round((end - start) / 1000))}S`}>{text}</time>;
}
