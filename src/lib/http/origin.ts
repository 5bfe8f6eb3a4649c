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
 * cross-origin POST, so it must name this app (its own host, or APP_URL). Requests without
 * Origin and Sec-Fetch-Site come from non-browser clients, which carry no ambient cookies risk.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (!origin) {
    if (request.headers.get("sec-fetch-site") === "cross-site") throw forbidden();
    return;
  }
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw forbidden();
  }
  const ownHosts = new Set([
    request.headers.get("x-forwarded-host"),
    request.headers.get("host"),
    new URL(request.url).host,
    env().APP_URL ? new URL(env().APP_URL as string).host : null,
  ]);
  if (!ownHosts.has(originHost)) throw forbidden();
}

function forbidden(): AppError {
  return new AppError("forbidden", "Cross-site requests are not allowed");
}
