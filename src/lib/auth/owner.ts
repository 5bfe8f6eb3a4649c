import "server-only";
import { randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import { isSecureRequest, readCookie, serializeCookie } from "./cookies";
import { sessionSecret } from "./local-secrets";

// Every browser gets an anonymous owner id in a sealed (encrypted + signed) HttpOnly cookie.

export const OWNER_COOKIE = "owner";
const ONE_YEAR = 60 * 60 * 24 * 365;

export type Owner = { id: string /** Set-Cookie to send when the owner is new. */; setCookie?: string };

export async function resolveOwner(request: Request): Promise<Owner> {
  const sealed = readCookie(request, OWNER_COOKIE);
  if (sealed) {
    const data = await unsealData<{ ownerId?: string }>(sealed, { password: sessionSecret(), ttl: 0 });
    if (typeof data.ownerId === "string" && /^[A-Za-z0-9_-]{16,64}$/.test(data.ownerId)) return { id: data.ownerId };
  }
  const id = `own_${randomBytes(16).toString("base64url")}`;
  const seal = await sealData({ ownerId: id }, { password: sessionSecret(), ttl: 0 });
  return {
    id,
    setCookie: serializeCookie(OWNER_COOKIE, seal, { maxAge: ONE_YEAR, sameSite: "lax", secure: isSecureRequest(request) }),
  };
}
