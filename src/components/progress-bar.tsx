import styles from "./progress-bar.module.css";

/** Determinate once progress is known; an indeterminate shimmer while queued or starting. */
export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  const percent = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      className={styles.track}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
    >
      <div
        className={percent === null ? styles.indeterminate : styles.bar}
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
