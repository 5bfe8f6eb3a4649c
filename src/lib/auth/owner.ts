import "server-only";
import { randomBytes } from "node:crypto";
import { unsealData } from "iron-session";
import { isSecureRequest, readCookie, serializeCookie } from "./cookies";
import { sessionSecrets } from "./local-secrets";
import { signToken, verifyToken } from "./signed-token";

// Every browser gets an anonymous owner id in an HttpOnly cookie: `o1.<owner id>.<issued at>`,
// HMAC-signed (signed-token.ts). The id is no secret from the browser that holds it; what matters
// is that no one can forge another's, which the MAC ensures. The page response sets it
// (src/proxy.ts), so a first visit has its owner before any API call; API routes still mint one
// for clients that never loaded a page.
//
// Lifetime: 400 days (the longest Max-Age browsers keep), enforced on the server too, and
// renewed on use once a week old, so a gallery in use never expires and a copied cookie does
// not live forever. Cookies sealed by iron-session (before signed ones) are still read, once,
// and replaced.

export const OWNER_COOKIE = "owner";
export const OWNER_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;
export const OWNER_COOKIE_REFRESH_SECONDS = 7 * 24 * 60 * 60;
const PURPOSE = "owner-cookie";
const VERSION = "o1";
/** Instances' clocks may differ a little; a token from further in the future is refused. */
const CLOCK_SKEW_SECONDS = 300;
const OWNER_ID = /^[A-Za-z0-9_-]{16,64}$/;

export type Owner = { id: string /** Set-Cookie to send: a new owner, or a renewed cookie. */; setCookie?: string };

type ReadOwner = { id: string; renew: boolean };

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The owner a cookie value names, and whether to re-issue it; null for a missing or bad one. */
export async function readOwnerCookie(value: string | undefined): Promise<ReadOwner | null> {
  if (!value) return null;
  if (value.startsWith(`${VERSION}.`)) return readSigned(value);
  if (value.startsWith("Fe26.2*")) return readSealed(value);
  return null;
}

function readSigned(value: string): ReadOwner | null {
  const verified = verifyToken(PURPOSE, value, 3);
  if (!verified) return null;
  const [, id, issued] = verified.fields as [string, string, string];
  const issuedAt = Number.parseInt(issued, 36);
  const age = nowSeconds() - issuedAt;
  if (!OWNER_ID.test(id) || !Number.isSafeInteger(issuedAt) || age > OWNER_COOKIE_MAX_AGE_SECONDS || age < -CLOCK_SKEW_SECONDS) {
    return null;
  }
  return { id, renew: !verified.newestKey || age > OWNER_COOKIE_REFRESH_SECONDS };
}

/** An iron-session seal from before signed cookies: PBKDF2 once, then the browser gets a signed one. */
async function readSealed(value: string): Promise<ReadOwner | null> {
  const passwords = Object.fromEntries(sessionSecrets().map((s) => [s.id, s.secret]));
  try {
    const data = await unsealData<{ ownerId?: unknown }>(value, { password: passwords, ttl: 0 });
    return typeof data.ownerId === "string" && OWNER_ID.test(data.ownerId) ? { id: data.ownerId, renew: true } : null;
  } catch {
    return null; // malformed beyond what iron-session reports as "no data"
  }
}

function ownerSetCookie(request: Request, id: string): string {
  const token = signToken(PURPOSE, [VERSION, id, nowSeconds().toString(36)]);
  return serializeCookie(OWNER_COOKIE, token, {
    maxAge: OWNER_COOKIE_MAX_AGE_SECONDS,
    sameSite: "lax",
    secure: isSecureRequest(request),
  });
}

const newOwnerId = () => `own_${randomBytes(16).toString("base64url")}`;

/** The caller's owner: from its cookie (renewed when due), else a new one with its Set-Cookie. */
export async function resolveOwner(request: Request): Promise<Owner> {
  const read = await readOwnerCookie(readCookie(request, OWNER_COOKIE));
  if (read) return read.renew ? { id: read.id, setCookie: ownerSetCookie(request, read.id) } : { id: read.id };
  const id = newOwnerId();
  return { id, setCookie: ownerSetCookie(request, id) };
}

/** For a page response (src/proxy.ts): the Set-Cookie it must carry, or null when the cookie is fine. */
export async function pageOwnerCookie(request: Request): Promise<string | null> {
  return (await resolveOwner(request)).setCookie ?? null;
}
