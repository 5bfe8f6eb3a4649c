"use client";

import "client-only";
import { useCallback } from "react";
import type { GenerationView } from "@/shared/generation-view";
import { useCreateGeneration, useCreateGroup } from "./use-create-generation";

/** How many runs one submit starts: N seeds of the model, or the same input on other models too. */
export type RunOptions = { seeds: number; compareWith: string[] };

export const singleRun: RunOptions = { seeds: 1, compareWith: [] };

/** Starts one generation, N variations or a compare group; answers every generation started, first first. */
export function useStartRuns() {
  const single = useCreateGeneration();
  const group = useCreateGroup();
  const { submit: submitOne } = single;
  const { submit: submitGroup } = group;
  const start = useCallback(
    async (model: string, input: Record<string, unknown>, options: RunOptions): Promise<GenerationView[] | null> => {
      if (options.compareWith.length > 0) {
        const created = await submitGroup({ kind: "compare", models: [model, ...options.compareWith], input });
        return created?.generations ?? null;
      }
      if (options.seeds > 1) {
        const created = await submitGroup({ kind: "variations", model, count: options.seeds, input });
        return created?.generations ?? null;
      }
      const created = await submitOne(model, input);
      return created ? [created] : null;
    },
    [submitOne, submitGroup],
  );
  return { start, submitting: single.submitting || group.submitting };
}
