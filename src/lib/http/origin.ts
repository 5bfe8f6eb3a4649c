import "server-only";
import { env } from "../env";
import { AppError } from "../errors";

/** The app's public origin: APP_URL, the Vercel production URL, or (locally) the request's own. */
export function appOrigin(request: Request): string {
  const { APP_URL, VERCEL_PROJECT_PRODUCTION_URL } = env();
  if (APP_URL) return new URL(APP_URL).origin;
  if (VERCEL_PROJECT_PRODUCTION_URL) return `https://${VERCEL_PROJECT_PRODUCTION_URL}`;
  return new URL(request.url).origin;
}

/**
 * Cross-site protection for state-changing requests: a browser always sends `Origin` on a
 * cross-origin POST, so it must name this app: the same scheme, host and port as one of the app's
 * own origins (an `https://host` page is refused by an `http://host` app). Requests without
 * Origin and Sec-Fetch-Site come from non-browser clients, which carry no ambient cookies risk.
 *
 * Trust: the request's own URL, its Host and X-Forwarded-Host/-Proto (set by the proxy in front,
 * e.g. Vercel's) name the app; APP_URL (or the Vercel production URL) always does. A page on
 * another site cannot make a victim's browser send X-Forwarded-* (custom headers force a CORS
 * preflight we never approve), so trusting them cannot let a cross-site request through.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (!origin) {
    if (request.headers.get("sec-fetch-site") === "cross-site") throw forbidden();
    return;
  }
  const claimed = originOf(origin);
  if (!claimed || !ownOrigins(request).has(claimed)) throw forbidden();
}

/** Every origin this request may legitimately come from, normalised by URL (default ports dropped). */
export function ownOrigins(request: Request): Set<string> {
  const url = new URL(request.url);
  const scheme = url.protocol.slice(0, -1);
  const host = request.headers.get("host");
  const forwardedHost = firstValue(request.headers.get("x-forwarded-host")) ?? host;
  const forwardedScheme = firstValue(request.headers.get("x-forwarded-proto")) ?? scheme;
  const candidates = [
    url.origin,
    appOrigin(request),
    host ? `${scheme}://${host}` : null,
    forwardedHost ? `${forwardedScheme}://${forwardedHost}` : null,
  ];
  return new Set(candidates.map((candidate) => (candidate ? originOf(candidate) : null)).filter((o) => o !== null));
}

/** `https://Host:443/` → `https://host`; null for anything that is not an http(s) origin. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** Proxies append: `X-Forwarded-Proto: https, http` means the client spoke https to the first one. */
function firstValue(header: string | null): string | null {
  const first = header?.split(",")[0]?.trim();
  return first ? first : null;
}

function forbidden(): AppError {
  return new AppError("forbidden", "Cross-site requests are not allowed");
}
