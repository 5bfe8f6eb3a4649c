"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useId, useState } from "react";
import { formatUsd } from "@/client/format";
import { describeError } from "@/client/http";
import styles from "./start-button.module.css";

type Props = {
  label: string;
  /** Starts the runs; resolves to the path of the page that shows them (null: nothing started). */
  start: () => Promise<string | null>;
  submitting: boolean;
  /** The row's own spacing, and the button's look. */
  className?: string;
  buttonClassName?: string;
  /** What sits beside the button (a checkbox, a count). */
  children: ReactNode;
  /** What the runs are estimated to cost, shown after them and read with the button. */
  costUsd?: number | undefined;
};

/** A button that starts runs from a finished generation's settings and opens them; a failure shows under it. */
export function StartButton({ label, start, submitting, className, buttonClassName, children, costUsd }: Props) {
  const router = useRouter();
  const costId = useId();
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setError(null);
    try {
      const path = await start();
      if (path) router.push(path);
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <div className={`${styles.row} ${className ?? ""}`}>
      <button
        type="button"
        className={`${buttonClassName ?? ""} ${costUsd === undefined ? "" : styles.costed}`}
        onClick={run}
        disabled={submitting}
        aria-describedby={costUsd === undefined ? undefined : costId}
      >
        {submitting ? "Starting…" : label}
        {/* Under the label, not beside the row: a phone has no room in the row for it. */}
        {costUsd !== undefined && (
          <span className={styles.cost} aria-hidden="true">
            ≈ {formatUsd(costUsd)}
          </span>
        )}
      </button>
      {children}
      {costUsd !== undefined && (
        <span id={costId} className="visually-hidden">
          Estimated cost ≈ {formatUsd(costUsd)}
        </span>
      )}
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
