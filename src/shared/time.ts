// Every time helper, server and browser alike: UTC days (quotas, budget, the admin summary),
// timestamps in JSON, and how times and durations read on screen. Pure, so both sides import it.

const DAY_MS = 86_400_000;

/** Midnight UTC at the start of `now`'s day: quotas and the budget reset then. */
export function startOfUtcDay(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Whole seconds until the next UTC midnight (a Retry-After for daily limits). */
export function secondsUntilNextUtcDay(now = new Date()): number {
  return Math.ceil((startOfUtcDay(now).getTime() + DAY_MS - now.getTime()) / 1000);
}

/** A nullable timestamp as the API's JSON carries it. */
export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "just now", "5 minutes ago", "yesterday". */
export function timeAgo(isoTime: string, now = Date.now()): string {
  const seconds = Math.round((new Date(isoTime).getTime() - now) / 1000);
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

/** The admin console's seconds (durations, predict time): "—" when unknown, finer when short. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds === 0) return "0 s";
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 90) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 90) return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });
const zoneName = new Intl.DateTimeFormat("en", { timeZoneName: "short" });

/** A moment in the reader's own time zone, which it names ("Nov 25, 2026, 5:30:00 PM GMT+1"). */
export function formatDateTime(isoTime: string | null): string {
  if (!isoTime) return "—";
  const date = new Date(isoTime);
  const zone = zoneName.formatToParts(date).find((p) => p.type === "timeZoneName")?.value;
  return zone ? `${dateTime.format(date)} ${zone}` : dateTime.format(date);
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/**
 * When a refused request may be retried, in words: "in 5 seconds", "in 2 minutes", "in 3 hours",
 * or, for a wait that ends at a UTC midnight (the daily limits), "tomorrow at 00:00 UTC".
 */
export function retryHint(seconds: number, now = Date.now()): string {
  if (seconds <= 0) return "now";
  const at = now + seconds * 1000;
  const nextMidnight = startOfUtcDay(new Date(now)).getTime() + DAY_MS;
  // Daily limits answer the seconds until the next UTC day (rounded up): name the moment.
  if (seconds >= 3600 && Math.abs(at - nextMidnight) < 5000) return "tomorrow at 00:00 UTC";
  if (seconds < 90) return `in ${plural(Math.ceil(seconds), "second")}`;
  if (seconds < 90 * 60) return `in ${plural(Math.round(seconds / 60), "minute")}`;
  return `in ${plural(Math.round(seconds / 3600), "hour")}`;
}
