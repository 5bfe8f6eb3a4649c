"use client";

import { useEffect, useState } from "react";
import { takeFlash } from "@/client/flash";
import styles from "./flash-toast.module.css";

const SHOWN_MS = 6_000;

/** Shows the message the previous page left (src/client/flash.ts) at the foot of the screen, for a few seconds. */
export function FlashToast() {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const taken = takeFlash();
    if (taken) setText(taken);
  }, []);
  useEffect(() => {
    if (!text) return;
    const timer = setTimeout(() => setText(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <div className={styles.region} role="status" data-testid="flash">
      {text && (
        <p className={styles.toast}>
          {text}
          <button type="button" className={styles.close} aria-label="Dismiss" onClick={() => setText(null)}>
            ×
          </button>
        </p>
      )}
    </div>
  );
}
