// A URL path Next cannot decode (`%ff`, `%e2%82`: not UTF-8) makes its router answer a plain-text
// 500 before any route handler runs, without the security headers; a decoded NUL (`%00`) reaches
// handlers as a parameter PostgreSQL refuses. The proxy (src/proxy.ts), which runs before that
// decoding, refuses both with the API's JSON 400 instead (and pages with a plain 400).

/** Why `pathname` (still percent-encoded, as in the request line) cannot be served, or null. */
export function pathProblem(pathname: string): string | null {
  for (const segment of pathname.split("/")) {
    if (!segment.includes("%")) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return "The URL path is not valid percent-encoded UTF-8";
    }
    if (decoded.includes("\u0000")) return "The URL path must not contain NUL characters";
  }
  return null;
}
