import type { ApiError } from "replicate";
import type { FieldError } from "@/shared/api-error";
import { AppError } from "../errors";

// Turns a failed Replicate call into what a person can act on. SDK 1.4 has already read the
// response body, so the problem-details JSON is only inside the error message.

type Problem = {
  title?: string;
  detail?: string;
  retry_after?: number;
  invalid_fields?: { field?: string; description?: string }[];
};

function problemOf(error: ApiError): Problem {
  const start = error.message.indexOf("{");
  const end = error.message.lastIndexOf("}");
  if (start < 0 || end < start) return {};
  try {
    return JSON.parse(error.message.slice(start, end + 1)) as Problem;
  } catch {
    return {};
  }
}

/** The SDK exports ApiError only as a type, so recognise it by shape. */
function isApiError(error: unknown): error is ApiError {
  const response = (error as { response?: { status?: unknown } } | null)?.response;
  return error instanceof Error && typeof response?.status === "number";
}

export type UpstreamFailure = {
  appError: AppError;
  generationError: string;
  /**
   * Replicate certainly started nothing: it answered with an error, or the request never left
   * (no connection). Otherwise (our timeout, a reset after sending, an answer that does not
   * parse) a prediction may be running that we do not know about.
   */
  refused: boolean;
};

/** Connection failures that happen before a request is sent: nothing reached Replicate. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function neverSent(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const err = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof err.code === "string" && NOT_SENT_CODES.has(err.code)) return true;
    // Happy eyeballs: every address refused.
    if (Array.isArray(err.errors) && err.errors.length > 0 && err.errors.every(neverSent)) return true;
    e = err.cause;
  }
  return false;
}

export function describeUpstreamFailure(error: unknown): UpstreamFailure {
  if (!isApiError(error)) {
    if (neverSent(error)) {
      const message = "Could not reach Replicate. Nothing was started; please try again.";
      return { appError: new AppError("upstream", message, { cause: error }), generationError: message, refused: true };
    }
    const message =
      "Lost contact with Replicate while starting this generation. If it did start, it is being stopped; please try again.";
    return { appError: new AppError("upstream", message, { cause: error }), generationError: message, refused: false };
  }
  const status = error.response.status;
  const problem = problemOf(error);
  const detail = (problem.detail ?? "").trim();
  if (status === 422) {
    const fields: FieldError[] = (problem.invalid_fields ?? []).map((f) => ({
      path: f.field ?? "input",
      message: f.description ?? "Invalid value",
    }));
    const message = `Replicate rejected the request: ${detail || problem.title || "invalid input"}`;
    return { appError: new AppError("unprocessable", message, { fields }), generationError: message, refused: true };
  }
  if (status === 429) {
    const header = Number(error.response.headers.get("retry-after"));
    const retryAfter = problem.retry_after ?? (Number.isFinite(header) && header > 0 ? header : 10);
    const message = `Replicate is busy right now. Please try again in ${retryAfter} seconds.`;
    return { appError: new AppError("rate_limited", message, { retryAfter }), generationError: message, refused: true };
  }
  const known: Record<number, string> = {
    401: "Replicate refused the server's API token. An admin needs to check REPLICATE_API_TOKEN.",
    402: "The Replicate account is out of credit. An admin needs to add billing.",
    403: "Replicate refused access to this model.",
    404: "Replicate could not find this model.",
  };
  const message =
    known[status] ?? `Replicate is having trouble (HTTP ${status}). Nothing was started; please try again in a minute.`;
  // An answer, even a 5xx, means Replicate did not create the prediction.
  return { appError: new AppError("upstream", message, { cause: error }), generationError: message, refused: true };
}

/** Replicate's 404: it does not know this prediction (deleted, or another account's token). */
export function isNotFound(error: unknown): boolean {
  return isApiError(error) && error.response.status === 404;
}
