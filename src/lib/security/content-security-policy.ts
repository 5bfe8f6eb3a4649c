// Content-Security-Policy values, one per kind of response. Pure functions: the proxy
// (src/proxy.ts), next.config.ts and the files route all build their header from here, so a
// policy is written once. No secrets and no server-only imports, so next.config.ts can load it.

/** Vercel Blob's public URLs (Blob mode stores outputs there; the pages show them in <img>). */
export const BLOB_IMAGE_SOURCE = "https://*.public.blob.vercel-storage.com";
/** Where @vercel/blob's client `upload()` sends a file (its default API URL). */
export const BLOB_UPLOAD_API = "https://vercel.com/api/blob/";

type Directives = Record<string, readonly string[]>;

function serialize(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => (sources.length ? `${name} ${sources.join(" ")}` : name))
    .join("; ");
}

/** A fresh, unguessable nonce per request (128 bits, base64), as CSP nonces require. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The policy for HTML pages (and their RSC payloads). Scripts run only with this request's nonce,
 * which Next reads back from the request's CSP header and puts on its own <script> tags;
 * 'strict-dynamic' lets those scripts load the chunks they import, so no host list is needed and
 * an injected <script> or inline event handler never runs.
 *
 * Styles: production needs no 'unsafe-inline'. Our CSS is in stylesheets from 'self'; the few
 * dynamic styles (progress width, aspect ratios) are set by React through the CSSOM after the
 * data arrives in the browser, which CSP does not govern; the 404 page is ours (no inline styles).
 *
 * `next dev` only: React rebuilds server error stacks with eval ('unsafe-eval'), and Next's dev
 * overlay injects <style> elements without a nonce ('unsafe-inline', which a nonce in the same
 * directive would switch off, hence no nonce there). Neither is ever sent by `next start`.
 */
export function pageContentSecurityPolicy({ nonce, dev }: { nonce: string; dev: boolean }): string {
  return serialize({
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": dev ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`],
    "img-src": ["'self'", "data:", "blob:", BLOB_IMAGE_SOURCE],
    "font-src": ["'self'"],
    // Vercel Blob mode: the browser uploads image inputs straight to Blob's API
    // (src/client/uploads-api.ts), and fetches an output to save it under its readable name
    // (src/client/save-file.ts).
    "connect-src": ["'self'", BLOB_UPLOAD_API, BLOB_IMAGE_SOURCE],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  });
}

/**
 * JSON APIs and static assets: nothing they return is ever a document that should load anything,
 * so if one is opened as a page (or sniffed as HTML by an old browser) it can do nothing.
 */
export const RESOURCE_CSP = serialize({ "default-src": ["'none'"], "frame-ancestors": ["'none'"] });

/**
 * Stored images served by /api/files: shown by our pages' <img> (which this header does not
 * affect) and openable directly in a tab. `sandbox` gives a directly opened file an opaque origin
 * with no script, so even a crafted file could not act as the app. Inline styles are allowed only
 * because browsers style their own image viewer that way (Firefox reports it otherwise); with
 * no script and no other source, a style has nothing to read or send.
 */
export const FILE_CSP = serialize({
  "default-src": ["'none'"],
  "img-src": ["'self'"],
  "style-src": ["'unsafe-inline'"],
  sandbox: [],
  "frame-ancestors": ["'none'"],
});

export type ResponseKind = "page" | "api" | "file";

/** Which policy a path gets from the proxy. Pages are everything that is not an API route. */
export function responseKind(pathname: string): ResponseKind {
  if (pathname === "/api/files" || pathname.startsWith("/api/files/")) return "file";
  if (pathname === "/api" || pathname.startsWith("/api/")) return "api";
  return "page";
}
