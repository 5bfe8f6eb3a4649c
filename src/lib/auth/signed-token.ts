import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { SessionSecret } from "../env";
import { sessionSecrets } from "./local-secrets";

// Signed (not sealed) tokens for cookies whose content is no secret from the browser holding
// them (an owner id, a device id): integrity is all they need. An HMAC-SHA256 with a key derived
// once per secret and purpose costs microseconds; iron-session's seal re-derives its keys with
// PBKDF2 on every unseal (issue 12 measured 13 % of the CPU of a status poll on it).
//
// Format: `<fields…>.<secret id>.<mac>`, fields joined by ".", the MAC over everything before
// it. The secret id names which SESSION_SECRET signed it, so a rotation keeps old tokens valid
// (and callers re-issue them with the newest).

/** 128 bits of MAC: forging one is a 2^128 guess. */
const MAC_BYTES = 16;
const FIELD = /^[A-Za-z0-9_-]+$/;
const keys = new Map<string, Buffer>();

function keyFor(purpose: string, secret: SessionSecret): Buffer {
  const cacheKey = `${purpose}\u0000${secret.id}\u0000${secret.secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    // HKDF separates purposes: an owner token can never pass as a device token, or vice versa.
    key = Buffer.from(hkdfSync("sha256", secret.secret, "", `replicate-image-studio:${purpose}`, 32));
    keys.set(cacheKey, key);
  }
  return key;
}

function mac(purpose: string, secret: SessionSecret, payload: string): Buffer {
  return createHmac("sha256", keyFor(purpose, secret)).update(payload).digest().subarray(0, MAC_BYTES);
}

/** Signs `fields` (letters, digits, - and _ only) with the newest secret. */
export function signToken(purpose: string, fields: string[]): string {
  if (!fields.every((f) => FIELD.test(f))) throw new Error("token fields must be URL-safe base64 characters");
  const [newest] = sessionSecrets();
  if (!newest) throw new Error("no session secret");
  const payload = `${fields.join(".")}.${newest.id}`;
  return `${payload}.${mac(purpose, newest, payload).toString("base64url")}`;
}

export type VerifiedToken = { fields: string[] /** False when an older secret signed it: re-issue. */; newestKey: boolean };

/** The fields of a token this server signed for `purpose` with `fieldCount` fields, or null. */
export function verifyToken(purpose: string, token: string, fieldCount: number): VerifiedToken | null {
  if (token.length > 512) return null;
  const parts = token.split(".");
  if (parts.length !== fieldCount + 2 || !parts.every((p) => FIELD.test(p))) return null;
  const [keyId, given] = parts.slice(-2) as [string, string];
  const secrets = sessionSecrets();
  const secret = secrets.find((s) => String(s.id) === keyId);
  if (!secret) return null;
  // Compared as text, not decoded bytes: base64url decoding ignores a last character's spare
  // bits, so several spellings would decode to the same MAC. One token, one valid spelling.
  const expected = Buffer.from(mac(purpose, secret, parts.slice(0, -1).join(".")).toString("base64url"));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { fields: parts.slice(0, fieldCount), newestKey: secret.id === secrets[0]?.id };
}
