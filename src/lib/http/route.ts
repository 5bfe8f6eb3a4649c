import "server-only";
import { isAdmin } from "../auth/admin-session";
import { type Owner, resolveOwner } from "../auth/owner";
import { isDatabaseUnavailable } from "../db/unavailable";
import { AppError, toResponse } from "../errors";
import { assertSameOrigin } from "./origin";

// The wrapper every browser-facing route handler goes through: same-origin check on writes,
// the owner cookie, and error mapping, so a handler reads as parse → act → return.

type RouteContext<P> = { params: Promise<P> };
export type Handler<P> = (ctx: { request: Request; params: P; owner: Owner }) => Promise<Response>;

export function ownerRoute<P = Record<string, never>>(handler: Handler<P>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    let owner: Owner | undefined;
    try {
      if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
      owner = await resolveOwner(request);
      const response = await handler({ request, params: await context.params, owner });
      return withOwnerCookie(response, owner);
    } catch (error) {
      return withOwnerCookie(errorResponse(error), owner);
    }
  };
}

/**
 * For routes open to the owner or an admin: acts as the owner first, and only when that finds
 * nothing (not theirs) checks the admin session, so owners never pay for the admin check.
 */
export async function asOwnerOrAdmin<T>(request: Request, asOwner: () => Promise<T>, asAdmin: () => Promise<T>): Promise<T> {
  try {
    return await asOwner();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found" && (await isAdmin(request))) return asAdmin();
    throw error;
  }
}

/** Maps infrastructure failures to honest statuses before the generic mapping. */
export function errorResponse(error: unknown): Response {
  if (!(error instanceof AppError) && isDatabaseUnavailable(error)) {
    console.error("[db] unavailable:", error instanceof Error ? error.message : error);
    return toResponse(new AppError("unavailable", "The database is unavailable. Please try again shortly.", { retryAfter: 5 }));
  }
  return toResponse(error);
}

function withOwnerCookie(response: Response, owner: Owner | undefined): Response {
  if (owner?.setCookie) response.headers.append("set-cookie", owner.setCookie);
  return response;
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { ...init, headers });
}
