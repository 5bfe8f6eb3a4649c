// The one error shape of every API answer, `{ error: { code, message, fields? } }`, and the
// closed table of codes and their HTTP statuses. The server throws AppError (src/lib/errors.ts);
// the browser reads the same shape (src/client/http.ts).

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
/** One bad field: `path` names it as the request did (`input.width`, `password`, `cursor`). */
export type FieldError = { path: string; message: string };
export type ErrorBody = { error: { code: ErrorCode; message: string; fields?: FieldError[] } };
