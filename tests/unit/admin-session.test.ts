import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sealData } from "iron-session";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

// The admin session with ADMIN_PASSWORD from the env (the integration tests cover the embedded
// mode's generated password): constant-time check, sealed cookie, expiry, tampering.

const dataDir = mkdtempSync(path.join(tmpdir(), "admin-session-"));
const SECRET = "unit-test-session-secret-0123456789abcdef";
type Session = typeof import("@/lib/auth/admin-session");
let session: Session;

const request = (cookie?: string, url = "http://localhost/admin") => new Request(url, { headers: cookie ? { cookie } : {} });
const cookieValue = (setCookie: string) => setCookie.split(";")[0] as string;

beforeAll(async () => {
  Object.assign(process.env, { DATA_DIR: dataDir, ADMIN_PASSWORD: "correct horse battery", SESSION_SECRET: SECRET });
  session = await import("@/lib/auth/admin-session");
});
afterEach(() => vi.useRealTimers());
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("admin session", () => {
  it("accepts exactly ADMIN_PASSWORD, whatever the length of a guess", () => {
    expect(session.isAdminPassword("correct horse battery")).toBe(true);
    for (const guess of ["", "correct horse batter", "correct horse battery ", "x".repeat(5000)]) {
      expect(session.isAdminPassword(guess)).toBe(false);
    }
  });

  it("seals an HttpOnly SameSite=Strict cookie for 8 hours, Secure only over https", async () => {
    const plain = await session.createAdminSession(request());
    expect(plain).toMatch(/^admin_session=Fe26\.2\*.+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict$/);
    const secure = await session.createAdminSession(request(undefined, "https://studio.example/admin"));
    expect(secure).toMatch(/; Secure/);
    expect(await session.isAdmin(request(cookieValue(plain)))).toBe(true);
  });

  it("refuses a missing, tampered, foreign or expired cookie", async () => {
    const good = cookieValue(await session.createAdminSession(request()));
    expect(await session.isAdmin(request())).toBe(false);
    expect(await session.isAdmin(request(`${good.slice(0, -4)}AAAA`))).toBe(false);
    const foreign = await sealData({ admin: true, expiresAt: Date.now() + 1e6 }, { password: "x".repeat(40) });
    expect(await session.isAdmin(request(`admin_session=${foreign}`))).toBe(false);
    // Sealed with our secret but without the password fingerprint (e.g. before a password change).
    const stale = await sealData({ admin: true, expiresAt: Date.now() + 1e6 }, { password: SECRET });
    expect(await session.isAdmin(request(`admin_session=${stale}`))).toBe(false);

    vi.useFakeTimers({ now: Date.now() + session.ADMIN_SESSION_SECONDS * 1000 + 120_000 });
    expect(await session.isAdmin(request(good))).toBe(false);
  });

  it("clears the cookie on sign-out", () => {
    expect(session.clearAdminSessionCookie(request())).toMatch(/^admin_session=; Max-Age=0; .*SameSite=Strict/);
  });
});
