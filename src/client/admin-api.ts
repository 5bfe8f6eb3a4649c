import "client-only";
import type {
  AdminCancelResult,
  AdminGenerationDetail,
  AdminGenerationPage,
  AdminSummary,
  DeletedFilter,
} from "@/shared/admin-views";
import type { StatusFilter } from "@/shared/generation-status";
import { requestJson, submitJson } from "./http";
import { finishedBeforeCancel, tooLateToCancelText } from "./status-text";

// The admin console's calls to the admin API, through the same HTTP layer as the studio. The
// SameSite=Strict admin cookie rides along; nothing is cached, so every poll sees the database.
// Named after the HTTP call, like the studio's (signing out is requestAdminSignOut: the server's
// deleteAdminSession is the SQL that ends it).

export type AdminFilterValues = {
  status: StatusFilter | "";
  model: string;
  owner: string;
  q: string;
  from: string;
  to: string;
  deleted: DeletedFilter | "";
};

export const emptyFilters: AdminFilterValues = { status: "", model: "", owner: "", q: "", from: "", to: "", deleted: "" };

const noStore: RequestInit = { cache: "no-store" };

export const postAdminSession = (password: string) =>
  submitJson<{ signedIn: true }>("/api/admin/session", "POST", { password }, noStore);
export const requestAdminSignOut = () => submitJson<{ signedIn: false }>("/api/admin/session", "DELETE", undefined, noStore);

export const postAdminCancel = (body: { ids: string[] } | { allRunning: true }) =>
  submitJson<{ results: AdminCancelResult[] }>("/api/admin/generations/cancel", "POST", body, noStore);

export function adminGenerationsUrl(filters: AdminFilterValues, cursor: string | null, limit: number): string {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const [key, value] of Object.entries(filters)) if (value.trim()) params.set(key, value.trim());
  if (cursor) params.set("cursor", cursor);
  return `/api/admin/generations?${params}`;
}

export const adminGenerationUrl = (id: string) => `/api/admin/generations/${encodeURIComponent(id)}`;
export const ADMIN_SUMMARY_URL = "/api/admin/summary";

export const fetchAdminPage = (url: string) => requestJson<AdminGenerationPage>(url, noStore);
export const fetchAdminDetail = (url: string) => requestJson<AdminGenerationDetail>(url, noStore);
export const fetchAdminSummary = (url: string) => requestJson<AdminSummary>(url, noStore);

/** It had ended before the cancel: already final (409), or Replicate answered it finished. */
export const cameTooLate = (r: AdminCancelResult): boolean =>
  r.error?.code === "conflict" || (r.ok && finishedBeforeCancel(r.status));

/**
 * "Canceled 2 generations." / "Canceled 1 of 3: 2 had already finished." / for one that had
 * already ended, what the studio says: "Too late to cancel: it had already finished."
 */
export function describeCancelResults(results: AdminCancelResult[]): string {
  if (results.length === 0) return "Nothing was running.";
  const [only] = results;
  if (results.length === 1 && only && cameTooLate(only)) return tooLateToCancelText(only.status ?? "succeeded");
  const finished = results.filter(cameTooLate).length;
  const ok = results.filter((r) => r.ok && !cameTooLate(r)).length;
  const failed = results.filter((r) => !r.ok && !cameTooLate(r));
  const noun = (n: number) => `${n} generation${n === 1 ? "" : "s"}`;
  if (ok === results.length) return `Canceled ${noun(ok)}.`;
  const reasons = [
    finished ? `${finished} had already finished` : "",
    failed.length ? `${failed.length} failed (${failed[0]?.error?.message ?? "unknown error"})` : "",
  ].filter(Boolean);
  return `Canceled ${ok} of ${results.length}: ${reasons.join(", ")}.`;
}
