import { ApiError, NetworkError } from "@/lib/client/api";
import type { AdminCancelResult, AdminGenerationDetail, AdminGenerationPage, AdminSummary } from "@/shared/admin-views";
import type { StatusFilter } from "@/shared/generation-status";

// Typed fetchers for the admin console. Same-origin, so the SameSite=Strict admin cookie rides
// along; every failure becomes the same ApiError the rest of the app uses.

export type AdminFilterValues = {
  status: StatusFilter | "";
  model: string;
  owner: string;
  q: string;
  from: string;
  to: string;
};

export const emptyFilters: AdminFilterValues = { status: "", model: "", owner: "", q: "", from: "", to: "" };

async function adminRequest<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, cache: "no-store", headers: { accept: "application/json", ...init.headers } });
  } catch (cause) {
    throw new NetworkError(cause);
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) {
    const error = (body?.error ?? {}) as { code?: string; message?: string; fields?: { path: string; message: string }[] };
    const retry = Number.parseInt(res.headers.get("retry-after") ?? "", 10);
    throw new ApiError(res.status, error.code ?? "http_error", error.message ?? `Request failed (${res.status})`, {
      fields: error.fields ?? [],
      retryAfter: Number.isFinite(retry) ? retry : null,
      body,
    });
  }
  return body as T;
}

const send = <T>(url: string, method: string, body?: unknown) =>
  adminRequest<T>(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

export const signIn = (password: string) => send<{ signedIn: true }>("/api/admin/session", "POST", { password });
export const signOut = () => send<{ signedIn: false }>("/api/admin/session", "DELETE");

export const cancelAsAdmin = (body: { ids: string[] } | { allRunning: true }) =>
  send<{ results: AdminCancelResult[] }>("/api/admin/generations/cancel", "POST", body);

export function adminGenerationsUrl(filters: AdminFilterValues, cursor: string | null, limit: number): string {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const [key, value] of Object.entries(filters)) if (value.trim()) params.set(key, value.trim());
  if (cursor) params.set("cursor", cursor);
  return `/api/admin/generations?${params}`;
}

export const adminGenerationUrl = (id: string) => `/api/admin/generations/${encodeURIComponent(id)}`;
export const ADMIN_SUMMARY_URL = "/api/admin/summary";

export const fetchAdminPage = (url: string) => adminRequest<AdminGenerationPage>(url);
export const fetchAdminDetail = (url: string) => adminRequest<AdminGenerationDetail>(url);
export const fetchAdminSummary = (url: string) => adminRequest<AdminSummary>(url);

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
