import "server-only";
import { randomBytes } from "node:crypto";
import { isSecureRequest, readCookie, serializeCookie } from "./cookies";
import { signToken, verifyToken } from "./signed-token";

// OWASP's device cookie ("Slow down online guessing attacks with device cookies"): a browser
// that once signed in as admin keeps a signed, long-lived token naming it. Its sign-in attempts
// are then counted against that token alone, so strangers guessing from anywhere (and filling
// the allowance of unknown clients) cannot lock it out. The token grants nothing else: it is
// sent only to the sign-in endpoint and is no substitute for the password.

export const DEVICE_COOKIE = "admin_device";
export const DEVICE_COOKIE_PATH = "/api/admin/session";
export const DEVICE_TOKEN_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;
const PURPOSE = "admin-device";
const VERSION = "d1";
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

/** The device id of a valid, unexpired device token in the request, or null. */
export function readDeviceId(request: Request): string | null {
  const token = readCookie(request, DEVICE_COOKIE);
  if (!token?.startsWith(`${VERSION}.`)) return null;
  const verified = verifyToken(PURPOSE, token, 3);
  if (!verified) return null;
  const [, id, issued] = verified.fields as [string, string, string];
  const age = Date.now() / 1000 - Number.parseInt(issued, 36);
  return DEVICE_ID.test(id) && age <= DEVICE_TOKEN_MAX_AGE_SECONDS && age > -300 ? id : null;
}

/** After a successful sign-in: this browser's token, new or renewed (same id, fresh date and key). */
export function deviceSetCookie(request: Request, existingId: string | null): string {
  const id = existingId ?? randomBytes(16).toString("base64url");
  const token = signToken(PURPOSE, [VERSION, id, Math.floor(Date.now() / 1000).toString(36)]);
  return serializeCookie(DEVICE_COOKIE, token, {
    maxAge: DEVICE_TOKEN_MAX_AGE_SECONDS,
    sameSite: "strict",
    secure: isSecureRequest(request),
    path: DEVICE_COOKIE_PATH,
  });
}
