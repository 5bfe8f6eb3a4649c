import type { ServerResponse } from "node:http";

// Replicate answers errors as problem-details JSON; these builders copy the bodies recorded in
// docs/replicate.md §3 so the product's error mapping is exercised against real shapes.

export type InvalidField = { type: string; field: string; description: string };

export type Problem = {
  title?: string;
  detail: string;
  status: number;
  invalid_fields?: InvalidField[];
  retry_after?: number;
};

export const problems = {
  unauthenticated: (): Problem => ({
    title: "Unauthenticated",
    detail: "You did not pass a valid authentication token",
    status: 401,
  }),
  notFound: (): Problem => ({ detail: "The requested resource could not be found.", status: 404 }),
  methodNotAllowed: (): Problem => ({ detail: "Method not allowed.", status: 405 }),
  badRequest: (detail: string): Problem => ({ title: "Bad request", detail, status: 400 }),
  invalidVersion: (): Problem => ({
    title: "Invalid version or not permitted",
    detail: "The specified version does not exist (or perhaps you don't have permission to use it?)",
    status: 422,
  }),
  validationFailed: (fields: InvalidField[]): Problem => ({
    title: "Input validation failed",
    detail: fields.map((f) => `- ${f.field}: ${f.description}\n`).join(""),
    status: 422,
    invalid_fields: fields,
  }),
  throttled: (retryAfter: number): Problem => ({
    detail: `Request was throttled. Your rate limit resets in ~${retryAfter}s.`,
    status: 429,
    retry_after: retryAfter,
  }),
  unavailable: (): Problem => ({
    title: "Service Unavailable",
    detail: "The service is temporarily unavailable. Please try again later.",
    status: 503,
  }),
  internal: (): Problem => ({
    title: "Internal Server Error",
    detail: "An unexpected error occurred. Please try again.",
    status: 500,
  }),
};

export function sendProblem(res: ServerResponse, problem: Problem, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(problem);
  res.writeHead(problem.status, {
    "Content-Type": "application/problem+json",
    "Content-Length": Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}
