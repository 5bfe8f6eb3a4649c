"use client";

import { useEffect, useState } from "react";
import { retryHint } from "@/shared/time";
import styles from "./form-alert.module.css";

export type AlertContent = { message: string; retryAfter: number | null };

/** An error for the whole form; on 429 it says when to retry, in words, counting down. */
export function FormAlert({ alert }: { alert: AlertContent }) {
  const [left, setLeft] = useState(alert.retryAfter ?? 0);
  useEffect(() => {
    setLeft(alert.retryAfter ?? 0);
    if (!alert.retryAfter) return;
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = Math.max(0, (alert.retryAfter ?? 0) - Math.floor((Date.now() - started) / 1000));
      setLeft(remaining);
      if (remaining === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [alert]);

  return (
    <div className={styles.alert} role="alert">
      <p>{alert.message}</p>
      {alert.retryAfter !== null && (
        <p className={styles.retry}>{left > 0 ? `You can retry ${retryHint(left)}.` : "You can retry now."}</p>
      )}
    </div>
  );
}
