import "server-only";
import { createHash } from "node:crypto";
import { getDb } from "../db";
import { clearRateLimit, hitRateLimit, peekRateLimit, pruneRateLimits, type RateLimitHit } from "../db/rate-limit-queries";
import { AppError } from "../errors";
import { clientAddress } from "./client-address";
import { readDeviceId } from "./device-token";

// Admin sign-in attempts, counted in Postgres so every instance shares one count, and claimed
// *before* the password is checked so concurrent guesses cannot all slip past. Two kinds of
// caller (OWASP's device-cookie scheme, device-token.ts):
//
// - a browser with a valid device token (it signed in before): SIGN_IN_ATTEMPTS_PER_DEVICE per
//   window for that token, whatever anyone else does;
// - anyone else: SIGN_IN_ATTEMPTS per client address (client-address.ts) and
//   SIGN_IN_ATTEMPTS_ALL_CLIENTS in all. A flood of strangers can exhaust the second (new browsers
//   then wait for the window to end) but never the first kind's.
//
// Rows stay bounded: keys are short hashes; an address gets a row only while the shared allowance
// has room (it is peeked first), so one window holds at most SIGN_IN_ATTEMPTS_ALL_CLIENTS address
// rows, the shared counter and one per device that signed in; expired windows are pruned on
// every attempt.

export const SIGN_IN_ATTEMPTS = 5;
export const SIGN_IN_ATTEMPTS_ALL_CLIENTS = 100;
export const SIGN_IN_ATTEMPTS_PER_DEVICE = 10;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
const UNKNOWN_CLIENTS_KEY = "sign-in:unknown";

export type SignInClaim = { kind: "device"; deviceId: string; key: string } | { kind: "unknown"; key: string };

const deviceKey = (deviceId: string) =>
  `sign-in:device:${createHash("sha256").update(deviceId).digest("base64url").slice(0, 22)}`;

function tooMany(hit: RateLimitHit): AppError {
  const minutes = Math.ceil(hit.secondsLeft / 60);
  return new AppError("rate_limited", `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
    retryAfter: hit.secondsLeft,
  });
}

/** Counts an attempt; throws 429 with Retry-After once the caller's allowance is spent. */
export async function claimSignInAttempt(request: Request): Promise<SignInClaim> {
  const db = await getDb();
  await pruneRateLimits(db);
  const window = { windowSeconds: SIGN_IN_WINDOW_SECONDS };
  const deviceId = readDeviceId(request);
  if (deviceId) {
    const key = deviceKey(deviceId);
    const hit = await hitRateLimit(db, { key, ...window });
    if (hit.count > SIGN_IN_ATTEMPTS_PER_DEVICE) throw tooMany(hit);
    return { kind: "device", deviceId, key };
  }
  // Unknown client: the shared allowance is looked at first, so a spent one adds no rows.
  const everyone = await peekRateLimit(db, UNKNOWN_CLIENTS_KEY);
  if (everyone.count >= SIGN_IN_ATTEMPTS_ALL_CLIENTS) throw tooMany(everyone);
  const key = `sign-in:address:${clientAddress(request).key}`;
  const client = await hitRateLimit(db, { key, ...window });
  // Over its own limit: refused without using the shared allowance, so one address cannot spend it.
  if (client.count > SIGN_IN_ATTEMPTS) throw tooMany(client);
  const shared = await hitRateLimit(db, { key: UNKNOWN_CLIENTS_KEY, ...window });
  if (shared.count > SIGN_IN_ATTEMPTS_ALL_CLIENTS) throw tooMany(shared);
  return { kind: "unknown", key };
}

/** After a successful sign-in: this device (or address) starts afresh; others keep their counts. */
export async function clearSignInAttempts(claim: SignInClaim): Promise<void> {
  await clearRateLimit(await getDb(), claim.key);
}
