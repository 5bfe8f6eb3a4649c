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

export type UpstreamFailure = { appError: AppError; generationError: string };

export function describeUpstreamFailure(error: unknown): UpstreamFailure {
  if (!isApiError(error)) {
    const message = "Could not reach Replicate. Nothing was started; please try again.";
    return { appError: new AppError("upstream", message, { cause: error }), generationError: message };
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
    return { appError: new AppError("unprocessable", message, { fields }), generationError: message };
  }
  if (status === 429) {
    const header = Number(error.response.headers.get("retry-after"));
    const retryAfter = problem.retry_after ?? (Number.isFinite(header) && header > 0 ? header : 10);
    const message = `Replicate is busy right now. Please try again in ${retryAfter} seconds.`;
    return { appError: new AppError("rate_limited", message, { retryAfter }), generationError: message };
  }
  const known: Record<number, string> = {
    401: "Replicate refused the server's API token. An admin needs to check REPLICATE_API_TOKEN.",
    402: "The Replicate account is out of credit. An admin needs to add billing.",
    403: "Replicate refused access to this model.",
    404: "Replicate could not find this model.",
  };
  const message =
    known[status] ?? `Replicate is having trouble (HTTP ${status}). Nothing was started; please try again in a minute.`;
  return { appError: new AppError("upstream", message, { cause: error }), generationError: message };
}
