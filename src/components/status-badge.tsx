import { statusLabels } from "@/client/status-text";
import type { GenerationView } from "@/shared/generation-view";
import styles from "./status-badge.module.css";

type Props = {
  generation: Pick<GenerationView, "status" | "progress">;
  /** Still waiting well past the model's usual start: it is probably booting cold. */
  coldBoot?: boolean;
};

export function StatusBadge({ generation, coldBoot = false }: Props) {
  const { status } = generation;
  const percent = status === "processing" && generation.progress > 0 ? ` ${Math.round(generation.progress * 100)}%` : "";
  return (
    <span className={`${styles.badge} ${styles[status]}`} data-testid="generation-status" data-status={status}>
      <span className={styles.dot} aria-hidden="true" />
      {coldBoot ? "Starting (cold boot)…" : statusLabels[status]}
      {percent}
    </span>
  );
}
