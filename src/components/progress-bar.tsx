import styles from "./progress-bar.module.css";

/**
 * Determinate once progress is known; an indeterminate shimmer while queued or starting. The
 * bar's length is an SVG rect's width attribute: running cards and pages are rendered on the
 * server, and the CSP refuses a style attribute in that HTML.
 */
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
      {percent === null ? (
        <div className={styles.indeterminate} />
      ) : (
        <svg className={styles.bar} aria-hidden="true">
          {/* rx: the track's round ends (it is 4 px high) */}
          <rect className={styles.fill} width={`${percent}%`} height="100%" rx="2" />
        </svg>
      )}
    </div>
  );
}
