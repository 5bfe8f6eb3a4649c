"use client";

import { useEffect, useState } from "react";
import { type NotifyState, notifyState, turnNotificationsOff, turnNotificationsOn } from "@/client/notifications";
import styles from "./notify-toggle.module.css";

/** Opt-in to a browser notification when a generation ends while the tab is hidden. */
export function NotifyToggle() {
  // Known only in the browser: rendered after mount, so the server's HTML never disagrees.
  const [state, setState] = useState<NotifyState | null>(null);
  useEffect(() => setState(notifyState()), []);
  if (state === null || state === "unsupported") return null;
  if (state === "blocked") return <p className={styles.note}>Notifications are blocked for this site in your browser.</p>;
  const on = state === "on";
  return (
    <button
      type="button"
      className={styles.toggle}
      aria-pressed={on}
      onClick={async () => setState(on ? turnNotificationsOff() : await turnNotificationsOn())}
    >
      {on ? "Notifications on" : "Notify me when done"}
    </button>
  );
}
