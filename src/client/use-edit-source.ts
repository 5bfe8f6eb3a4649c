"use client";

import "client-only";
import type { GenerationView } from "@/shared/generation-view";
import type { ModelFormSpec } from "@/shared/model-form";
import { formValuesFrom } from "./form-from-input";
import type { FormValues } from "./form-values";
import { fetchGeneration, generationUrl } from "./generations-api";
import { usePolling } from "./use-polling";

export type EditSource = { generation: GenerationView; model: string; values: FormValues };

/** The generation named by `?edit=<id>`, read once, as the form's starting settings. */
export function useEditSource(editId: string | null, models: ModelFormSpec[]) {
  // Read once: no polling, no retry.
  const polled = usePolling<GenerationView>(editId ? generationUrl(editId) : null, fetchGeneration, {
    interval: () => 0,
    retryDelay: () => null,
  });
  const generation = polled.data;
  const spec = generation && models.find((m) => m.key === generation.model);
  const source: EditSource | null =
    generation && spec ? { generation, model: spec.key, values: formValuesFrom(spec.fields, generation.input) } : null;
  return { source, error: polled.error, isLoading: polled.isLoading };
}
