import { statusLabels } from "@/client/status-text";
import type { GenerationView } from "@/shared/generation-view";
import styles from "./status-badge.module.css";

export function StatusBadge({ generation }: { generation: Pick<GenerationView, "status" | "progress"> }) {
  const { status } = generation;
  const percent = status === "processing" && generation.progress > 0 ? ` ${Math.round(generation.progress * 100)}%` : "";
  return (
    <span className={`${styles.badge} ${styles[status]}`} data-testid="generation-status" data-status={status}>
      <span className={styles.dot} aria-hidden="true" />
      {statusLabels[status]}
      {percent}
    </span>
  );
}
