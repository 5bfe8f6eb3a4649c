import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SIGN_IN_ATTEMPTS,
  SIGN_IN_ATTEMPTS_ALL_CLIENTS,
  SIGN_IN_ATTEMPTS_PER_DEVICE,
  SIGN_IN_WINDOW_SECONDS,
} from "../../../src/lib/auth/sign-in-throttle";
import { dbRows } from "../../helpers/db-inspect";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";
import type { TestClient } from "../../helpers/test-client";

// Admin sign-in that strangers cannot lock (OWASP device cookies), bounded throttle rows, and
// sessions that end server-side. Addresses come from x-real-ip (TRUSTED_PROXY_HEADER), as behind
// a proxy, so one test process can play 200 clients.
const PASSWORD = "right-password-for-tests";

export function adminSignInSuite(db: DbKind) {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ db, env: { TRUSTED_PROXY_HEADER: "x-real-ip", ADMIN_PASSWORD: PASSWORD } });
  });
  afterAll(async () => {
    await app?.close();
  });

  const signIn = (client: TestClient, password: string, address: string) =>
    client.request("/api/admin/session", { json: { password }, headers: { "x-real-ip": address } });
  const count = async (table: "rate_limits" | "admin_sessions") =>
    (await dbRows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n ?? -1;

  describe(`admin sign-in on ${db}`, () => {
    it("lets a browser that signed in before back in after 200 wrong passwords from 200 addresses; new browsers wait", async () => {
      const known = app.client();
      const first = await signIn(known, PASSWORD, "192.0.2.1");
      expect(first.status).toBe(200);
      const device = first.headers.getSetCookie().find((c) => c.startsWith("admin_device="));
      expect(device).toMatch(/^admin_device=d1\.[^;]+; Max-Age=34560000; Path=\/api\/admin\/session; HttpOnly; SameSite=Strict$/);
      expect((await known.request("/api/admin/session", { method: "DELETE" })).status).toBe(200);
      // The flood starts in a later window (that first sign-in used one of the shared attempts).
      await dbRows(sql`delete from rate_limits`);

      const statuses: Record<number, number> = {};
      for (let i = 0; i < 200; i++) {
        const res = await signIn(app.client(), `guess-${i}`, `198.51.${Math.floor(i / 250)}.${i % 250}`);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
      // Each address is under its own limit; the shared allowance of unknown clients runs out.
      expect(statuses).toEqual({ 401: SIGN_IN_ATTEMPTS_ALL_CLIENTS, 429: 200 - SIGN_IN_ATTEMPTS_ALL_CLIENTS });
      // One row per address that got an attempt in, plus the shared counter and the device's.
      const rows = await count("rate_limits");
      expect(rows).toBeLessThanOrEqual(SIGN_IN_ATTEMPTS_ALL_CLIENTS + 2);
      // The same 200 addresses again: all refused, and not one row more.
      for (let i = 0; i < 200; i++) {
        const res = await signIn(app.client(), `again-${i}`, `198.51.${Math.floor(i / 250)}.${i % 250}`);
        expect(res.status).toBe(429);
      }
      expect(await count("rate_limits")).toBe(rows);
      const keys = await dbRows<{ key: string }>(sql`select key from rate_limits`);
      expect(Math.max(...keys.map((k) => k.key.length))).toBeLessThanOrEqual(40);

      // A browser that never signed in, even with the right password, waits for the window.
      const stranger = await signIn(app.client(), PASSWORD, "203.0.113.50");
      expect(stranger.status).toBe(429);
      expect(Number(stranger.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(Number(stranger.headers.get("retry-after"))).toBeLessThanOrEqual(SIGN_IN_WINDOW_SECONDS);

      // The known browser, from any address, is counted on its own device token.
      const back = await signIn(known, PASSWORD, "203.0.113.51");
      expect(back.status).toBe(200);
      expect((await known.request("/api/admin/summary")).status).toBe(200);
    });

    it("throttles a known device on its own count, apart from other devices", async () => {
      const [laptop, desktop] = [app.client(), app.client()];
      for (const browser of [laptop, desktop]) {
        await dbRows(sql`delete from rate_limits`); // the first test spent the shared allowance
        expect((await signIn(browser, PASSWORD, "192.0.2.2")).status).toBe(200);
      }
      for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_DEVICE; i++)
        expect((await signIn(laptop, `wrong-${i}`, "192.0.2.2")).status).toBe(401);
      expect((await signIn(laptop, PASSWORD, "192.0.2.2")).status).toBe(429);
      expect((await signIn(desktop, PASSWORD, "192.0.2.2")).status).toBe(200);
    });

    it("counts parallel guesses from one address before checking any: exactly the allowance gets through", async () => {
      await dbRows(sql`delete from rate_limits`);
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => signIn(app.client(), `parallel-${i}`, "198.51.100.200")),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_ATTEMPTS);
      expect(statuses.filter((s) => s === 429)).toHaveLength(30 - SIGN_IN_ATTEMPTS);
    });

    it("prunes expired windows, so the table holds only live ones", async () => {
      for (let i = 0; i < 20; i++) await signIn(app.client(), "wrong", `198.18.0.${i}`);
      expect(await count("rate_limits")).toBeGreaterThanOrEqual(20);
      await dbRows(sql`update rate_limits set expires_at = now() - interval '1 second'`);
      await signIn(app.client(), "wrong", "198.18.1.1");
      // Only the windows this last attempt opened are left (its address and the shared counter).
      expect(await count("rate_limits")).toBe(2);
    });

    it("ends the session on sign-out: a copy of the cookie taken before gets 401 after", async () => {
      await dbRows(sql`delete from rate_limits`);
      const admin = app.client();
      const res = await signIn(admin, PASSWORD, "192.0.2.3");
      const session = res.headers
        .getSetCookie()
        .find((c) => c.startsWith("admin_session="))
        ?.split(";")[0] as string;
      const copy = app.client();
      expect((await copy.request("/api/admin/summary", { headers: { cookie: session } })).status).toBe(200);

      expect((await admin.request("/api/admin/session", { method: "DELETE" })).status).toBe(200);
      const after = await copy.request("/api/admin/summary", { headers: { cookie: session } });
      expect(after.status).toBe(401);
      expect((await copy.request("/api/admin/generations", { headers: { cookie: session } })).status).toBe(401);
    });

    it("ends every session when ADMIN_PASSWORD changes (sessions opened under another password are refused)", async () => {
      await dbRows(sql`delete from rate_limits`);
      const admin = app.client();
      expect((await signIn(admin, PASSWORD, "192.0.2.4")).status).toBe(200);
      expect((await admin.request("/api/admin/summary")).status).toBe(200);
      // What a restart with a new password sees: every stored session has another fingerprint.
      await dbRows(sql`update admin_sessions set password_fingerprint = 'opened-under-the-old-password'`);
      expect((await admin.request("/api/admin/summary")).status).toBe(401);
      // The next sign-in prunes them.
      expect((await signIn(app.client(), PASSWORD, "192.0.2.5")).status).toBe(200);
      expect(await count("admin_sessions")).toBe(1);
    });
  });
}
