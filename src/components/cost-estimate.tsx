"use client";

import { formatUsd } from "@/client/format";
import type { RunOptions } from "@/client/use-start-runs";
import { chosenValues, estimateBeforeRun, imagesAsked, type ModelFormSpec } from "@/shared/model-form";
import styles from "./cost-estimate.module.css";

type Props = {
  models: ModelFormSpec[];
  model: ModelFormSpec;
  images: number;
  /** The form's values: the steps asked for change a time-billed model's estimate. */
  values: Readonly<Record<string, unknown>>;
  options: RunOptions;
};

/** What a submit is estimated to cost, from the catalogue's prices for a typical run. */
export function CostEstimate({ models, model, images, values, options }: Props) {
  const compared = options.compareWith.flatMap((key) => models.filter((m) => m.key === key));
  const runs = compared.length > 0 ? [model, ...compared] : Array.from({ length: options.seeds }, () => model);
  // Each run from what is sent: a compared model runs with its own defaults where the first
  // model's were left as they are (for the first model itself that changes nothing).
  const chosen = chosenValues(model.fields, values);
  const total = runs.reduce((sum, spec) => sum + estimateBeforeRun(spec, imagesAsked(spec, chosen), chosen), 0);
  const what = runs.length > 1 ? `${runs.length} runs` : images > 1 ? `${images} images` : "this run";
  return (
    <p className={styles.estimate} data-testid="cost-estimate">
      Estimated cost of {what}: <strong>≈ {formatUsd(total)}</strong>
    </p>
  );
}
