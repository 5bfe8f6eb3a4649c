import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sealData } from "iron-session";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

// The owner cookie: signed owner id, lifetime and renewal, SESSION_SECRET rotation, and the
// one-time migration of cookies iron-session sealed. env() is read once per module instance, so
// each configuration gets fresh modules (vi.resetModules).

const dataDir = mkdtempSync(path.join(tmpdir(), "owner-cookie-"));
const OLD = "old-secret-0123456789abcdefghijklmnopqrstuvwxyz";
const NEW = "new-secret-0123456789abcdefghijklmnopqrstuvwxyz";
const DAY = 86_400_000;

async function withSecret(sessionSecret: string) {
  vi.resetModules();
  Object.assign(process.env, { DATA_DIR: dataDir, SESSION_SECRET: sessionSecret, NODE_ENV: "test" });
  const owner = await import("@/lib/auth/owner");
  const env = await import("@/lib/env");
  return { ...owner, ...env };
}

const request = (cookie?: string, url = "http://localhost/api/generations") =>
  new Request(url, { headers: cookie ? { cookie } : {} });
// A 16-byte MAC's last base64url character carries 2 bits; the next character of the alphabet
// decodes to the same bytes, so only a textual comparison refuses it.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const respell = (last: string) => ALPHABET[ALPHABET.indexOf(last) + 1] as string;
const cookiePair = (setCookie: string | undefined) => (setCookie ?? "").split(";")[0] as string;

afterEach(() => vi.useRealTimers());
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("owner cookie", () => {
  it("mints a signed, HttpOnly, SameSite=Lax cookie for 400 days, and reads it back without re-issuing", async () => {
    const { resolveOwner } = await withSecret(OLD);
    const first = await resolveOwner(request());
    expect(first.id).toMatch(/^own_[A-Za-z0-9_-]{22}$/);
    expect(first.setCookie).toMatch(
      /^owner=o1\.own_[A-Za-z0-9_-]{22}\.[0-9a-z]+\.1\.[A-Za-z0-9_-]{22}; Max-Age=34560000; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    expect((await resolveOwner(request(undefined, "https://studio.example/"))).setCookie).toMatch(/; Secure/);
    expect(await resolveOwner(request(cookiePair(first.setCookie)))).toEqual({ id: first.id });
  });

  it("refuses tampered, foreign and malformed cookies (a new owner instead)", async () => {
    const { resolveOwner } = await withSecret(OLD);
    const good = cookiePair((await resolveOwner(request())).setCookie).slice("owner=".length);
    const [v, id, issued, key, mac] = good.split(".") as [string, string, string, string, string];
    const other = `own_${"B".repeat(22)}`;
    for (const forged of [
      `${v}.${other}.${issued}.${key}.${mac}`, // someone else's id, our MAC
      `${v}.${id}.${issued}.${key}.${mac[0] === "A" ? "B" : "A"}${mac.slice(1)}`, // a MAC changed
      `${v}.${id}.${issued}.${key}.${mac.slice(0, -1)}${respell(mac.at(-1) as string)}`, // same bytes, other spelling
      `${v}.${id}.${issued}.2.${mac}`, // a key id we do not have
      `${v}.${id}.${issued}.${key}`,
      "o1....",
      "Fe26.2*1*garbage~2",
      "x".repeat(600),
    ]) {
      const resolved = await resolveOwner(request(`owner=${forged}`));
      expect(resolved.id, forged).not.toBe(id);
      expect(resolved.setCookie).toBeDefined();
    }
    // Signed with another deployment's secret.
    const foreign = await withSecret(NEW);
    const theirs = cookiePair((await foreign.resolveOwner(request())).setCookie);
    const ours = await withSecret(OLD);
    const resolved = await ours.resolveOwner(request(theirs));
    expect(resolved.setCookie).toBeDefined();
  });

  it("renews a cookie older than a week (same owner), and refuses one past 400 days", async () => {
    const { resolveOwner, OWNER_COOKIE_MAX_AGE_SECONDS } = await withSecret(OLD);
    vi.useFakeTimers({ now: Date.parse("2025-01-01T00:00:00Z") });
    const minted = await resolveOwner(request());
    const cookie = cookiePair(minted.setCookie);
    vi.setSystemTime(Date.parse("2025-01-07T00:00:00Z"));
    expect((await resolveOwner(request(cookie))).setCookie).toBeUndefined();
    vi.setSystemTime(Date.parse("2025-01-09T00:00:00Z"));
    const renewed = await resolveOwner(request(cookie));
    expect(renewed.id).toBe(minted.id);
    expect(renewed.setCookie).toMatch(/^owner=o1\./);
    vi.setSystemTime(Date.parse("2025-01-01T00:00:00Z") + OWNER_COOKIE_MAX_AGE_SECONDS * 1000 + DAY);
    expect((await resolveOwner(request(cookie))).id).not.toBe(minted.id);
  });

  it("keeps galleries across a SESSION_SECRET rotation: old cookies verify and are re-issued with the newest secret", async () => {
    const before = await withSecret(OLD);
    const minted = await before.resolveOwner(request());
    const rotated = await withSecret(`2:${NEW},1:${OLD}`);
    const after = await rotated.resolveOwner(request(cookiePair(minted.setCookie)));
    expect(after.id).toBe(minted.id);
    expect(after.setCookie).toMatch(/^owner=o1\.own_[^.]+\.[0-9a-z]+\.2\./);
    expect(await rotated.resolveOwner(request(cookiePair(after.setCookie)))).toEqual({ id: minted.id });
    // Once the old secret is dropped, its cookies no longer verify.
    const dropped = await withSecret(`2:${NEW}`);
    expect((await dropped.resolveOwner(request(cookiePair(minted.setCookie)))).id).not.toBe(minted.id);
  });

  it("reads a cookie iron-session sealed before, once, and replaces it with a signed one", async () => {
    const { resolveOwner } = await withSecret(`2:${NEW},1:${OLD}`);
    const sealed = await sealData({ ownerId: "own_legacyOwnerId0123456789" }, { password: OLD, ttl: 0 });
    const migrated = await resolveOwner(request(`owner=${sealed}`));
    expect(migrated.id).toBe("own_legacyOwnerId0123456789");
    expect(migrated.setCookie).toMatch(/^owner=o1\.own_legacyOwnerId0123456789\./);
  });
});

describe("SESSION_SECRET", () => {
  it("is one secret (id 1) or a rotation list, newest first, and names what is wrong", async () => {
    const { parseSessionSecrets } = await withSecret(OLD);
    expect(parseSessionSecrets(OLD)).toEqual([{ id: 1, secret: OLD }]);
    expect(parseSessionSecrets(`1:${OLD}, 3:${NEW}`)).toEqual([
      { id: 3, secret: NEW },
      { id: 1, secret: OLD },
    ]);
    expect(parseSessionSecrets("short")).toMatch(/at least 32/);
    expect(parseSessionSecrets(`2:${NEW},2:${OLD}`)).toMatch(/twice/);
    expect(parseSessionSecrets(`2:${NEW},short`)).toMatch(/<id>:<secret>/);
    expect(parseSessionSecrets(`2:${NEW},1:short`)).toMatch(/id 1 must be at least 32/);
  });
});
