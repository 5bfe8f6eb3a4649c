import { expect } from "vitest";

// What every response from the app must carry, by kind. Written out literally (not imported from
// the product) so a change to the shipped policy shows up here as a deliberate test change.

export const PAGE_CSP =
  /^default-src 'self'; script-src 'self' 'nonce-([A-Za-z0-9+/]{22}==)' 'strict-dynamic'; style-src 'self' 'nonce-\1'; img-src 'self' data: blob: https:\/\/\*\.public\.blob\.vercel-storage\.com; font-src 'self'; connect-src 'self' https:\/\/vercel\.com\/api\/blob\/ https:\/\/\*\.public\.blob\.vercel-storage\.com; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'$/;
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'";
export const FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

export type Kind = "page" | "api" | "file" | "static";

export function kindOf(url: URL): Kind {
  if (url.pathname.startsWith("/_next/static/") || url.pathname === "/favicon.svg") return "static";
  if (url.pathname.startsWith("/api/files/")) return "file";
  if (url.pathname.startsWith("/api/")) return "api";
  return "page";
}

/** Asserts the headers for one response; `https` when it arrived through a TLS proxy. */
export function expectSecurityHeaders(url: URL, headers: Record<string, string>, https = false): Kind {
  const where = `${url.pathname}${url.search}`;
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], where).toBe("DENY");
  const permissions = headers["permissions-policy"] ?? "";
  for (const feature of ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "clipboard-write=(self)"]) {
    expect(permissions.split(", "), where).toContain(feature);
  }
  if (https) expect(headers["strict-transport-security"], where).toBe("max-age=63072000; includeSubDomains");
  else expect(headers["strict-transport-security"], where).toBeUndefined();

  const csp = headers["content-security-policy"];
  const kind = kindOf(url);
  if (kind === "page") expect(csp, where).toMatch(PAGE_CSP);
  if (kind === "api" || kind === "static") expect(csp, where).toBe(RESOURCE_CSP);
  if (kind === "file") {
    expect(csp, where).toBe(FILE_CSP);
    if (headers["content-type"]?.startsWith("image/")) {
      // `<id>-<index>.<ext>` for an original, `<id>-<index>-w<width>.webp` for its sized copy.
      expect(headers["content-disposition"], where).toMatch(/^inline; filename="[A-Za-z0-9_-]+-\d+(-w\d+)?\.(png|webp|jpg)"$/);
    }
  }
  return kind;
}

/** The nonce a page's CSP header carries. */
export function nonceOf(csp: string | undefined): string {
  const nonce = PAGE_CSP.exec(csp ?? "")?.[1];
  if (!nonce) throw new Error(`not a page CSP: ${csp}`);
  return nonce;
}
