// Display helpers of the admin console.

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
