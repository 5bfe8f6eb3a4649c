"use client";

import "client-only";

// The visitor's opt-in to browser notifications when a generation ends in a hidden tab. Kept in
// localStorage (this browser only); the browser's own permission is asked on the opt-in click.

const KEY = "studio.notify";

export type NotifyState = "unsupported" | "off" | "on" | "blocked";

export function notifyState(): NotifyState {
  if (typeof window === "undefined" || !("Notification" in window)) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return Notification.permission === "granted" && localStorage.getItem(KEY) === "1" ? "on" : "off";
}

export function notificationsWanted(): boolean {
  return notifyState() === "on";
}

/** Asks the browser's permission (on a click), then remembers the choice. */
export async function turnNotificationsOn(): Promise<NotifyState> {
  if (!("Notification" in window)) return "unsupported";
  const permission = await Notification.requestPermission();
  if (permission === "granted") localStorage.setItem(KEY, "1");
  return notifyState();
}

export function turnNotificationsOff(): NotifyState {
  localStorage.removeItem(KEY);
  return notifyState();
}
