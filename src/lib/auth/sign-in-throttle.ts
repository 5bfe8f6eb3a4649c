import "server-only";
import { getDb } from "../db";
import { clearRateLimit, hitRateLimit } from "../db/rate-limit-queries";
import { AppError } from "../errors";

// Admin sign-in attempts per client address, counted in Postgres so every instance shares one
// count. Each attempt is claimed *before* the password is checked: concurrent guesses cannot
// all slip past a check-then-increment. The address comes from X-Forwarded-For, which a client
// can forge where no proxy overwrites it, so a global allowance backs it up: forged addresses
// cannot buy unlimited guesses (at worst, a flood holds sign-in off for one window).

export const SIGN_IN_ATTEMPTS = 5;
export const SIGN_IN_ATTEMPTS_ALL_CLIENTS = 100;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
const GLOBAL_KEY = "admin-sign-in:*";

/** The caller's address as the proxy in front of us reports it (first hop), else "local". */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip")?.trim() || "local";
}

const keyFor = (request: Request) => `admin-sign-in:${clientAddress(request)}`;

/** Counts an attempt; throws 429 with Retry-After once the window's allowance is spent. */
export async function claimSignInAttempt(request: Request): Promise<void> {
  const db = await getDb();
  const client = await hitRateLimit(db, { key: keyFor(request), windowSeconds: SIGN_IN_WINDOW_SECONDS });
  const everyone = await hitRateLimit(db, { key: GLOBAL_KEY, windowSeconds: SIGN_IN_WINDOW_SECONDS });
  const over = [client.count > SIGN_IN_ATTEMPTS && client, everyone.count > SIGN_IN_ATTEMPTS_ALL_CLIENTS && everyone];
  const hit = over.find((h) => h !== false);
  if (hit) {
    const minutes = Math.ceil(hit.secondsLeft / 60);
    throw new AppError("rate_limited", `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
      retryAfter: hit.secondsLeft,
    });
  }
}

/** After a successful sign-in: this client starts afresh; other clients keep their counts. */
export async function clearSignInAttempts(request: Request): Promise<void> {
  await clearRateLimit(await getDb(), keyFor(request));
}
