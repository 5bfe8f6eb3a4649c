"use client";

import { useEffect, useState } from "react";
import { type NotifyState, notifyState, turnNotificationsOff, turnNotificationsOn } from "@/client/notifications";
import styles from "./notify-toggle.module.css";

/** Opt-in to a browser notification when a generation ends while the tab is hidden. */
export function NotifyToggle() {
  // Known only in the browser: rendered after mount, so the server's HTML never disagrees.
  const [state, setState] = useState<NotifyState | null>(null);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => setState(notifyState()), []);
  if (state === null || state === "unsupported") return null;
  if (state === "blocked") return <p className={styles.note}>Notifications are blocked for this site in your browser.</p>;
  const on = state === "on";
  const toggle = async () => {
    const next = on ? turnNotificationsOff() : await turnNotificationsOn();
    // The browser's question dismissed: the press is answered, not silently dropped.
    setDismissed(!on && next === "off");
    setState(next);
  };
  return (
    <span className={styles.wrap}>
      <button type="button" className={styles.toggle} aria-pressed={on} onClick={toggle}>
        {on ? "Notifications on" : "Notify me when done"}
      </button>
      <span className={styles.note} role="status">
        {dismissed ? "Not turned on: allow notifications when your browser asks." : ""}
      </span>
    </span>
  );
}
