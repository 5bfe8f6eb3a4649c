import "client-only";
import type { GenerationView } from "@/shared/generation-view";

// Display helpers of the studio and the admin console.

export function promptOf(generation: Pick<GenerationView, "input">): string {
  const prompt = generation.input.prompt;
  return typeof prompt === "string" && prompt.trim() ? prompt.trim() : "Untitled";
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), "hour");
  return relative.format(Math.round(seconds / 86_400), "day");
}

/** "4.2 s", "1 min 05 s": how long a generation ran; whole seconds while it is still ticking. */
export function formatDuration(ms: number, { ticking = false } = {}): string {
  const totalSeconds = Math.max(0, ms) / 1000;
  if (totalSeconds < 60) return ticking ? `${Math.floor(totalSeconds)} s` : `${totalSeconds.toFixed(1)} s`;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = Math.floor(totalSeconds % 60);
  return `${minutes} min ${String(seconds).padStart(2, "0")} s`;
}

export function fileExtension(contentType: string): string {
  const subtype = contentType.split("/")[1]?.split(";")[0]?.trim();
  return subtype === "jpeg" ? "jpg" : (subtype ?? "bin");
}

export function shortOwner(owner: string): string {
  return owner.length > 12 ? `${owner.slice(0, 12)}…` : owner;
}

export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds === 0) return "0 s";
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 90) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 90) return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

export function formatUsd(usd: number): string {
  if (usd === 0) return "$0.00";
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

export function formatDateTime(iso: string | null): string {
  return iso ? dateTime.format(new Date(iso)) : "—";
}
