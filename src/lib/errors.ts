import { ZodError } from "zod";

// One error type, one closed code → status table, one JSON body shape.
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  upstream: 502,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type FieldError = { path: string; message: string };
export type ErrorBody = { error: { code: ErrorCode; message: string; fields?: FieldError[] } };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldError[];
  /** Seconds, sent as Retry-After on 429/503. */
  readonly retryAfter?: number;
  /** Extra JSON merged into the body (e.g. the current generation on a 409). */
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { fields?: FieldError[]; retryAfter?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause });
    this.name = "AppError";
    this.code = code;
    this.fields = extra.fields;
    this.retryAfter = extra.retryAfter;
    this.details = extra.details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function fieldErrorsFromZod(error: ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    return { path: path || "body", message: issue.message };
  });
}

export function validationError(error: ZodError, prefix?: string): AppError {
  const fields = fieldErrorsFromZod(error, prefix);
  const summary = fields.map((f) => `${f.path}: ${f.message}`).join("; ");
  return new AppError("bad_request", `Invalid request: ${summary}`, { fields });
}

export function toResponse(error: unknown): Response {
  const appError =
    error instanceof AppError
      ? error
      : error instanceof ZodError
        ? validationError(error)
        : new AppError("internal", "Something went wrong on our side. Please try again.");
  if (!(error instanceof AppError) && !(error instanceof ZodError)) {
    console.error("[error] unhandled", error);
  }
  const body: ErrorBody & Record<string, unknown> = {
    ...appError.details,
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.fields ? { fields: appError.fields } : {}),
    },
  };
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" });
  if (appError.retryAfter !== undefined) headers.set("retry-after", String(Math.ceil(appError.retryAfter)));
  return new Response(JSON.stringify(body), { status: appError.status, headers });
}
