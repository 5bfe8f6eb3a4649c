"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
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
};

/** A button that starts runs from a finished generation's settings and opens them; a failure shows under it. */
export function StartButton({ label, start, submitting, className, buttonClassName, children }: Props) {
  const router = useRouter();
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
      <button type="button" className={buttonClassName} onClick={run} disabled={submitting}>
        {submitting ? "Starting…" : label}
      </button>
      {children}
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
