import { type NextRequest, NextResponse } from "next/server";
import { pageOwnerCookie } from "@/lib/auth/owner";
import { env } from "@/lib/env";
import { pathProblem } from "@/lib/http/request-path";
import {
  createNonce,
  FILE_CSP,
  pageContentSecurityPolicy,
  RESOURCE_CSP,
  type ResponseKind,
  responseKind,
} from "@/lib/security/content-security-policy";
import type { ErrorBody } from "@/shared/api-error";

// Runs before every request but static assets. It refuses paths Next cannot decode (see
// src/lib/http/request-path.ts), sets each response's Content-Security-Policy, and gives a page
// visit its owner cookie. Pages get a fresh nonce per request: Next reads it from the request's
// CSP header and puts it on its own scripts, so only those run. The headers that never change are
// in next.config.ts (securityHeaderRules), which also covers the static files this proxy skips.

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const kind = responseKind(request.nextUrl.pathname);
  const problem = pathProblem(request.nextUrl.pathname);
  if (problem) return badPath(kind, problem);
  if (kind !== "page") {
    const response = NextResponse.next();
    // Set here rather than in each route: a header the proxy sets wins over the route's own.
    response.headers.set("Content-Security-Policy", kind === "file" ? FILE_CSP : RESOURCE_CSP);
    return response;
  }
  const policy = pageContentSecurityPolicy({ nonce: createNonce(), dev: env().NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  // The page load gives a first visit its owner, so the API calls the page then makes (even two
  // at once) all carry the same one instead of each minting its own.
  if (request.method === "GET" || request.method === "HEAD") {
    const ownerCookie = await pageOwnerCookie(request);
    if (ownerCookie) response.headers.append("Set-Cookie", ownerCookie);
  }
  return response;
}

function badPath(kind: ResponseKind, message: string): NextResponse {
  const headers = { "Content-Security-Policy": RESOURCE_CSP, "Cache-Control": "no-store" };
  if (kind === "page")
    return new NextResponse(`Bad request: ${message}.\n`, {
      status: 400,
      headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
    });
  const body: ErrorBody = { error: { code: "bad_request", message, fields: [{ path: "path", message }] } };
  return NextResponse.json(body, { status: 400, headers });
}

export const config = {
  // Everything but content-hashed build assets and public files (next.config.ts gives those
  // their headers). Keep in step with STATIC_SOURCES in src/lib/security/static-headers.ts.
  matcher: ["/((?!_next/static/|favicon\\.svg$).*)"],
};
