import "client-only";
import { type GalleryFilters, galleryFilterParams } from "@/shared/gallery-filters";
import type { CreateGenerationBody, CreateGroupBody, GenerationPage, GenerationView, GroupView } from "@/shared/generation-view";
import { ApiError, requestJson, submitJson } from "./http";
import { finishedBeforeCancel } from "./status-text";

// The studio's calls to our generations API (never Replicate). Named after the HTTP call (post…,
// patch…, fetch…; a DELETE is request…Delete), so they cannot be mistaken for the server's domain
// functions (createGeneration, cancelGeneration, deleteGeneration).

export function postGeneration(body: CreateGenerationBody): Promise<GenerationView> {
  return submitJson<GenerationView>("/api/generations", "POST", body);
}

export function postGroup(body: CreateGroupBody): Promise<GroupView> {
  return submitJson<GroupView>("/api/groups", "POST", body);
}

export const groupUrl = (id: string) => `/api/groups/${encodeURIComponent(id)}`;
export const groupDownloadUrl = (id: string) => `${groupUrl(id)}/download`;
export const fetchGroup = (url: string) => requestJson<GroupView>(url, { cache: "no-cache" });

export function generationUrl(id: string): string {
  return `/api/generations/${encodeURIComponent(id)}`;
}

/** A page of the owner's gallery (GET /api/generations), narrowed by `filters`. */
export function generationsUrl(cursor: string | null, limit: number, filters: GalleryFilters = {}): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (cursor) params.set("cursor", cursor);
  for (const [name, value] of galleryFilterParams(filters)) params.set(name, value);
  return `/api/generations?${params}`;
}

// "no-cache" makes the browser revalidate with If-None-Match, so an unchanged poll is a 304.
export const fetchGeneration = (url: string) => requestJson<GenerationView>(url, { cache: "no-cache" });
export const fetchGenerationPage = (url: string) => requestJson<GenerationPage>(url, { cache: "no-cache" });

/** A cancel's answer: the generation as it is now, and whether it had ended before the cancel. */
export type CancelAnswer = { generation: GenerationView; tooLate: boolean };

/**
 * POST …/cancel. Too late either way the server can say it: a 409 (it had already ended; the body
 * carries the generation), or an answer where it succeeded or failed (Replicate had finished it
 * before the cancel reached it).
 */
export async function postGenerationCancel(id: string): Promise<CancelAnswer> {
  try {
    const generation = await submitJson<GenerationView>(`${generationUrl(id)}/cancel`, "POST");
    return { generation, tooLate: finishedBeforeCancel(generation.status) };
  } catch (error) {
    const body = error instanceof ApiError && error.status === 409 ? (error.body as { generation?: unknown } | null) : null;
    const current = body?.generation;
    if (current && typeof current === "object") return { generation: current as GenerationView, tooLate: true };
    throw error;
  }
}

/** PATCH …: star or unstar one's own generation. */
export function patchGenerationFavourite(id: string, favourite: boolean): Promise<GenerationView> {
  return submitJson<GenerationView>(generationUrl(id), "PATCH", { favourite });
}

/** DELETE …: removes one's own finished generation and its files (204). */
export function requestGenerationDelete(id: string): Promise<void> {
  return requestJson<void>(generationUrl(id), { method: "DELETE" });
}

export const downloadAllUrl = (id: string) => `${generationUrl(id)}/download`;
