import { formatUsd } from "@/client/format";
import { isActive } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import styles from "./run-facts.module.css";

type Props = {
  generation: GenerationView;
  className?: string;
  /** Names each figure (the detail page, where the wall-clock "Took" sits just above). */
  labelled?: boolean;
};

/** The run's estimated cost and, once it ran, its predict time on the model. */
export function RunFacts({ generation, className, labelled = false }: Props) {
  // A run canceled before the model started reports 0 s: nothing to show but that it was not billed.
  const ran = generation.predictTime !== null && (generation.predictTime > 0 || generation.status === "succeeded");
  const cost = formatUsd(generation.estimatedCostUsd);
  return (
    <p className={`${styles.facts} ${className ?? ""}`} data-testid="run-facts">
      {ran ? (
        <>
          <span title="Time the model ran on Replicate">
            {labelled && "Model time "}
            {(generation.predictTime ?? 0).toFixed(1)} s
          </span>
          <span aria-hidden="true"> · </span>
          <span title="Estimated from the catalogue's prices">
            {labelled && "cost "}≈ {cost}
          </span>
        </>
      ) : (
        <span title="Estimated for a typical run of this model">
          {isActive(generation.status) ? `≈ ${cost} estimated` : "Not billed"}
        </span>
      )}
    </p>
  );
}
