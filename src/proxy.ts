import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import {
  createNonce,
  FILE_CSP,
  pageContentSecurityPolicy,
  RESOURCE_CSP,
  responseKind,
} from "@/lib/security/content-security-policy";

// Sets each response's Content-Security-Policy. Pages get a fresh nonce per request: Next reads it
// from the request's CSP header and puts it on its own scripts, so only those run. The headers
// that never change are in next.config.ts (securityHeaderRules), which also covers the static
// files this proxy skips.

export function proxy(request: NextRequest): NextResponse {
  const kind = responseKind(request.nextUrl.pathname);
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
  return response;
}

export const config = {
  // Everything but content-hashed build assets and public files (next.config.ts gives those
  // their headers). Keep in step with STATIC_SOURCES in src/lib/security/static-headers.ts.
  matcher: ["/((?!_next/static/|favicon\\.svg$).*)"],
};
