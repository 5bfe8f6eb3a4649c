import type { FieldError } from "@/shared/api-error";
import type { CreateGenerationBody, GenerationPage, GenerationView } from "@/shared/generation-view";

// Typed fetchers for the browser. Same-origin, so the owner cookie rides along; every failure
// becomes an ApiError that carries what the UI needs (status, field errors, Retry-After).

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  /** Seconds from the Retry-After header, on 429/503. */
  readonly retryAfter: number | null;
  /** The whole JSON body, e.g. `{ generation }` on a 409 from cancel. */
  readonly body: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: Partial<Pick<ApiError, "fields" | "retryAfter" | "body">> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = extra.fields ?? [];
    this.retryAfter = extra.retryAfter ?? null;
    this.body = extra.body;
  }
}

/** Thrown when no answer arrived at all: the request may or may not have reached the server. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super("Could not reach the server. Check your connection and try again.", { cause });
    this.name = "NetworkError";
  }
}

type JsonObject = Record<string, unknown>;

async function toApiError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as JsonObject | null;
  const error = (body?.error ?? {}) as { code?: string; message?: string; fields?: FieldError[] };
  const retry = Number.parseInt(res.headers.get("retry-after") ?? "", 10);
  return new ApiError(res.status, error.code ?? "http_error", error.message ?? `Request failed (${res.status})`, {
    fields: Array.isArray(error.fields) ? error.fields : [],
    retryAfter: Number.isFinite(retry) ? retry : null,
    body,
  });
}

async function request<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { accept: "application/json", ...init.headers } });
  } catch (cause) {
    throw new NetworkError(cause);
  }
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as T;
}

const postJson = <T>(url: string, body?: unknown) =>
  request<T>(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

export function createGeneration(body: CreateGenerationBody): Promise<GenerationView> {
  return postJson<GenerationView>("/api/generations", body);
}

export function generationUrl(id: string): string {
  return `/api/generations/${encodeURIComponent(id)}`;
}

export function generationsUrl(cursor: string | null, limit: number): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (cursor) params.set("cursor", cursor);
  return `/api/generations?${params}`;
}

// "no-cache" makes the browser revalidate with If-None-Match, so an unchanged poll is a 304.
export const fetchGeneration = (url: string) => request<GenerationView>(url, { cache: "no-cache" });
export const fetchGenerationPage = (url: string) => request<GenerationPage>(url, { cache: "no-cache" });

/** Cancels; a 409 (already finished) still answers with the current generation. */
export async function cancelGeneration(id: string): Promise<GenerationView> {
  try {
    return await postJson<GenerationView>(`${generationUrl(id)}/cancel`);
  } catch (error) {
    const current = error instanceof ApiError && error.status === 409 ? (error.body as JsonObject | null)?.generation : null;
    if (current && typeof current === "object") return current as GenerationView;
    throw error;
  }
}

/** Human-readable text for any error a fetcher threw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const wait = error.retryAfter !== null && error.status === 429 ? ` Try again in ${error.retryAfter} s.` : "";
    return `${error.message}${wait}`;
  }
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
