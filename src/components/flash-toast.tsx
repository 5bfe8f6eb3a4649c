"use client";

import { useEffect, useSyncExternalStore } from "react";
import { currentFlash, dismissFlash, subscribeFlash } from "@/client/flash";
import styles from "./flash-toast.module.css";

const SHOWN_MS = 6_000;

/**
 * The tab's message (src/client/flash.ts) at the foot of the screen, for a few seconds. Rendered
 * once, by the root layout: its live region is in the page before any message arrives, so a
 * screen reader reads the message out, and it outlives the page that set it.
 */
export function FlashToast() {
  const flash = useSyncExternalStore(subscribeFlash, currentFlash, () => null);
  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => dismissFlash(flash.id), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [flash]);
  return (
    <div className={styles.region} role="status" data-testid="flash">
      {flash && (
        <p className={styles.toast}>
          {flash.text}
          <button type="button" className={styles.close} aria-label="Dismiss" onClick={() => dismissFlash(flash.id)}>
            ×
          </button>
        </p>
      )}
    </div>
  );
}
