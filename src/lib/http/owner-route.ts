import "server-only";
import { type Owner, resolveOwner } from "../auth/owner";
import { errorResponse } from "./error-response";
import { assertCleanUrlInput } from "./input-hygiene";
import { assertSameOrigin } from "./origin";

// The wrapper every browser-facing route handler goes through: same-origin check on writes,
// text the database cannot store refused in the query and path (input-hygiene.ts), the owner
// cookie, and error mapping, so a handler reads as parse → act → return.

type RouteContext<P> = { params: Promise<P> };
export type OwnerHandler<P> = (ctx: { request: Request; params: P; owner: Owner }) => Promise<Response>;

export function ownerRoute<P = Record<string, never>>(handler: OwnerHandler<P>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    let owner: Owner | undefined;
    try {
      if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
      const params = await context.params;
      // Before the owner: a refused request mints no owner and touches nothing.
      assertCleanUrlInput(request, params);
      owner = await resolveOwner(request);
      const response = await handler({ request, params, owner });
      return withOwnerCookie(response, owner);
    } catch (error) {
      return withOwnerCookie(errorResponse(error), owner);
    }
  };
}

/** A new visitor's owner cookie rides on whatever the handler answered, errors included. */
function withOwnerCookie(response: Response, owner: Owner | undefined): Response {
  if (owner?.setCookie) response.headers.append("set-cookie", owner.setCookie);
  return response;
}
