import "client-only";
import type { AdminCancelResult, AdminGenerationDetail, AdminGenerationPage, AdminSummary } from "@/shared/admin-views";
import type { StatusFilter } from "@/shared/generation-status";
import { requestJson, submitJson } from "./http";

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
};

export const emptyFilters: AdminFilterValues = { status: "", model: "", owner: "", q: "", from: "", to: "" };

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

/** "Canceled 2 generations." / "Canceled 1 of 3: 2 had already finished." */
export function describeCancelResults(results: AdminCancelResult[]): string {
  if (results.length === 0) return "Nothing was running.";
  const ok = results.filter((r) => r.ok).length;
  const finished = results.filter((r) => r.error?.code === "conflict").length;
  const failed = results.filter((r) => !r.ok && r.error?.code !== "conflict");
  const noun = (n: number) => `${n} generation${n === 1 ? "" : "s"}`;
  if (ok === results.length) return `Canceled ${noun(ok)}.`;
  const reasons = [
    finished ? `${finished} had already finished` : "",
    failed.length ? `${failed.length} failed (${failed[0]?.error?.message ?? "unknown error"})` : "",
  ].filter(Boolean);
  return `Canceled ${ok} of ${results.length}: ${reasons.join(", ")}.`;
}
