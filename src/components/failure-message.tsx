"use client";

import { failureText } from "@/client/failure-text";
import styles from "./failure-message.module.css";

/** A failure in plain words and a next step; the model's raw error behind "Details". */
export function FailureMessage({ error, compact = false }: { error: string | null; compact?: boolean }) {
  const { summary, nextStep, details } = failureText(error);
  return (
    <div className={compact ? styles.compact : styles.full} data-testid="failure-message">
      <p className={styles.summary}>{summary}</p>
      <p className={styles.next}>{nextStep}</p>
      {details && (
        <details className={styles.details}>
          <summary>Details</summary>
          <pre className={styles.raw}>{details}</pre>
        </details>
      )}
    </div>
  );
}
