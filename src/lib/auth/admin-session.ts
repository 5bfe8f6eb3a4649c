import "server-only";
import { createHash, randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import { getDb } from "../db";
import { deleteAdminSession, insertAdminSession, isLiveAdminSession, pruneAdminSessions } from "../db/admin-session-queries";
import { env } from "../env";
import { isSecureRequest, readCookie, serializeCookie } from "./cookies";
import { localSecrets } from "./local-secrets";

// The admin session: a random token in a SameSite=Strict, HttpOnly cookie, valid for 8 hours,
// and a record in Postgres (admin_sessions, keyed by the token's SHA-256) checked on every admin
// request. Signing out deletes the record, so a copied cookie stops working at once; the record
// also holds a fingerprint of the password it was opened with, so changing ADMIN_PASSWORD ends
// every session on every instance.

export const ADMIN_COOKIE = "admin_session";
export const ADMIN_SESSION_SECONDS = 8 * 60 * 60;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** ADMIN_PASSWORD, or in the embedded mode the one generated under DATA_DIR on first start. */
export function adminPassword(): string {
  return env().ADMIN_PASSWORD ?? localSecrets().adminPassword;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** Constant time: both sides are hashed first, so neither the content nor the length leaks. */
export function isAdminPassword(candidate: string): boolean {
  return timingSafeEqual(sha256(candidate), sha256(adminPassword()));
}

const fingerprints = new Map<string, string>();

/**
 * Which password a session belongs to, as stored in the database: scrypt, so a leaked table does
 * not make the password cheap to guess. Computed once per process (the password is fixed for a
 * process's life), so checking a session costs one indexed read.
 */
export function passwordFingerprint(password = adminPassword()): string {
  let fingerprint = fingerprints.get(password);
  if (!fingerprint) {
    fingerprint = scryptSync(password, "replicate-image-studio:admin-session", 32).toString("base64url");
    fingerprints.set(password, fingerprint);
  }
  return fingerprint;
}

const tokenHash = (token: string) => sha256(token).toString("base64url");

/** Opens a session; returns the Set-Cookie header that carries it. */
export async function createAdminSession(request: Request): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const db = await getDb();
  const fingerprint = passwordFingerprint();
  // Sessions no one can use any more go first, so the table holds live sessions only.
  await pruneAdminSessions(db, fingerprint);
  await insertAdminSession(db, {
    tokenHash: tokenHash(token),
    passwordFingerprint: fingerprint,
    ttlSeconds: ADMIN_SESSION_SECONDS,
  });
  return serializeCookie(ADMIN_COOKIE, token, {
    maxAge: ADMIN_SESSION_SECONDS,
    sameSite: "strict",
    secure: isSecureRequest(request),
  });
}

/** True for the token of a live session opened with the current password. */
export async function isAdminSessionToken(token: string | undefined): Promise<boolean> {
  if (!token || !TOKEN.test(token)) return false;
  return isLiveAdminSession(await getDb(), { tokenHash: tokenHash(token), passwordFingerprint: passwordFingerprint() });
}

export function isAdmin(request: Request): Promise<boolean> {
  return isAdminSessionToken(readCookie(request, ADMIN_COOKIE));
}

/** Signs out: the session record is deleted (every copy of the cookie dies), and the cookie cleared. */
export async function endAdminSession(request: Request): Promise<string> {
  const token = readCookie(request, ADMIN_COOKIE);
  if (token && TOKEN.test(token)) await deleteAdminSession(await getDb(), tokenHash(token));
  return serializeCookie(ADMIN_COOKIE, "", { maxAge: 0, sameSite: "strict", secure: isSecureRequest(request) });
}
