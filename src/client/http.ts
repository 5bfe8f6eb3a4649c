import "client-only";
import type { ErrorBody, FieldError } from "@/shared/api-error";
import { retryHint } from "@/shared/time";

// The browser's one HTTP layer, for the studio and the admin console alike. Same-origin, so the
// owner and admin cookies ride along; every failure becomes an ApiError that carries what the
// UI needs (status, field errors, Retry-After), or a NetworkError when no answer came at all.

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

/** The ApiError a failed answer describes (its JSON error body, Retry-After). */
async function apiErrorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
  const error: Partial<ErrorBody["error"]> = body?.error ?? {};
  const retry = Number.parseInt(res.headers.get("retry-after") ?? "", 10);
  return new ApiError(res.status, error.code ?? "http_error", error.message ?? `Request failed (${res.status})`, {
    fields: Array.isArray(error.fields) ? error.fields : [],
    retryAfter: Number.isFinite(retry) ? retry : null,
    body,
  });
}

/** GETs (or sends `init`) and answers the JSON body (nothing for a 204); throws ApiError / NetworkError. */
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { accept: "application/json", ...init.headers } });
  } catch (cause) {
    throw new NetworkError(cause);
  }
  if (!res.ok) throw await apiErrorOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Sends `body` as JSON with `method` (POST, DELETE…). */
export function submitJson<T>(url: string, method: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  return requestJson<T>(url, {
    ...init,
    method,
    headers: { "content-type": "application/json", ...init.headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Human-readable text for any error a request threw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const wait = error.retryAfter !== null && error.status === 429 ? ` Try again ${retryHint(error.retryAfter)}.` : "";
    return `${error.message}${wait}`;
  }
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

/**
 * usePolling's retry plan for our API: a 4xx (gone, not yours) will not change, so no retry;
 * anything else after 1 s, 2 s … 10 s, ten times.
 */
export function retryUnlessClientError(error: unknown, attempt: number): number | null {
  if ((error instanceof ApiError && error.status >= 400 && error.status < 500) || attempt > 10) return null;
  return Math.min(1000 * 2 ** (attempt - 1), 10_000);
}
