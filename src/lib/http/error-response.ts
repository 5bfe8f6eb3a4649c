import "server-only";
import { isDatabaseUnavailable } from "../db/unavailable";
import { AppError, toResponse } from "../errors";

/**
 * Any thrown error as the API's error answer. Infrastructure failures get honest statuses first
 * (a database that cannot be reached is a 503 with Retry-After, not a 500), then the generic
 * AppError mapping.
 */
export function errorResponse(error: unknown): Response {
  if (!(error instanceof AppError) && isDatabaseUnavailable(error)) {
    console.error("[db] unavailable:", error instanceof Error ? error.message : error);
    return toResponse(new AppError("unavailable", "The database is unavailable. Please try again shortly.", { retryAfter: 5 }));
  }
  return toResponse(error);
}
