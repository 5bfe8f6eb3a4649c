import { ZodError } from "zod";
import { type ErrorBody, type ErrorCode, errorStatus, type FieldError } from "@/shared/api-error";

// One error type (the codes, their statuses and the JSON body shape: src/shared/api-error.ts).

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

/** A 400 naming one field (`input.image`), with its message. */
export function fieldError(path: string, message: string): AppError {
  return new AppError("bad_request", `Invalid request: ${path}: ${message}`, { fields: [{ path, message }] });
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
  // A body refused unread leaves its rest on the connection: closing it keeps the client from
  // sending its next request there (it was reset).
  if (appError.code === "payload_too_large") headers.set("connection", "close");
  return new Response(JSON.stringify(body), { status: appError.status, headers });
}
