import "server-only";
import { isAdmin } from "../auth/admin-session";
import { AppError } from "../errors";
import { errorResponse } from "./error-response";
import { assertCleanUrlInput } from "./input-hygiene";
import { assertSameOrigin } from "./origin";

// The wrappers of the admin API: same-origin check on writes, text the database cannot store
// refused in the query and path (input-hygiene.ts), the admin session checked on the server for
// every handler, and one error mapping, so a handler reads as parse → act → return.

type RouteContext<P> = { params: Promise<P> };
export type AdminHandler<P> = (ctx: { request: Request; params: P }) => Promise<Response>;

/** For the sign-in/out endpoint itself: cross-site protection, no session needed. */
export function sameOriginRoute<P = Record<string, never>>(handler: AdminHandler<P>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
      const params = await context.params;
      assertCleanUrlInput(request, params);
      return await handler({ request, params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function adminRoute<P = Record<string, never>>(handler: AdminHandler<P>) {
  return sameOriginRoute<P>(async (ctx) => {
    if (!(await isAdmin(ctx.request))) throw new AppError("unauthorized", "Sign in as an administrator first.");
    return handler(ctx);
  });
}
