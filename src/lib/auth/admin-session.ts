import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import { env } from "../env";
import { isSecureRequest, readCookie, serializeCookie } from "./cookies";
import { localSecrets, sessionSecret } from "./local-secrets";

// The admin session: a sealed (encrypted + signed by iron-session) SameSite=Strict cookie that
// expires after 8 hours. It carries a fingerprint of the password, so changing ADMIN_PASSWORD
// signs every admin out.

export const ADMIN_COOKIE = "admin_session";
export const ADMIN_SESSION_SECONDS = 8 * 60 * 60;

type AdminSessionData = { admin?: true; expiresAt?: number; passwordFingerprint?: string };

/** ADMIN_PASSWORD, or in the embedded mode the one generated under DATA_DIR on first start. */
export function adminPassword(): string {
  return env().ADMIN_PASSWORD ?? localSecrets().adminPassword;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** Constant time: both sides are hashed first, so neither the content nor the length leaks. */
export function isAdminPassword(candidate: string): boolean {
  return timingSafeEqual(sha256(candidate), sha256(adminPassword()));
}

function passwordFingerprint(): string {
  return sha256(`admin-session:${adminPassword()}`).toString("base64url").slice(0, 16);
}

/** The Set-Cookie header that signs the caller in. */
export async function createAdminSession(request: Request): Promise<string> {
  const data: AdminSessionData = {
    admin: true,
    expiresAt: Date.now() + ADMIN_SESSION_SECONDS * 1000,
    passwordFingerprint: passwordFingerprint(),
  };
  const seal = await sealData(data, { password: sessionSecret(), ttl: ADMIN_SESSION_SECONDS });
  return serializeCookie(ADMIN_COOKIE, seal, {
    maxAge: ADMIN_SESSION_SECONDS,
    sameSite: "strict",
    secure: isSecureRequest(request),
  });
}

/** True for a cookie value this server sealed, not yet expired, for the current password. */
export async function isAdminSeal(sealed: string | undefined): Promise<boolean> {
  if (!sealed) return false;
  // unsealData answers {} for a tampered, foreign or expired seal.
  const data = await unsealData<AdminSessionData>(sealed, { password: sessionSecret(), ttl: ADMIN_SESSION_SECONDS });
  return (
    data.admin === true &&
    typeof data.expiresAt === "number" &&
    data.expiresAt > Date.now() &&
    data.passwordFingerprint === passwordFingerprint()
  );
}

export function isAdmin(request: Request): Promise<boolean> {
  return isAdminSeal(readCookie(request, ADMIN_COOKIE));
}

export function clearAdminSessionCookie(request: Request): string {
  return serializeCookie(ADMIN_COOKIE, "", { maxAge: 0, sameSite: "strict", secure: isSecureRequest(request) });
}
