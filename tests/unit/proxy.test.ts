import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The proxy on its own: the owner cookie rides on page responses (not API ones), and paths Next
// cannot decode get the API's JSON 400 with the security policy. The browser tests run it inside
// the real server.

const dataDir = mkdtempSync(path.join(tmpdir(), "proxy-"));
let proxy: (request: NextRequest) => Promise<Response>;

beforeAll(async () => {
  Object.assign(process.env, { DATA_DIR: dataDir, SESSION_SECRET: "proxy-test-session-secret-0123456789abcdef" });
  ({ proxy } = await import("@/proxy"));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const get = (url: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://localhost${url}`, { headers }));

describe("proxy", () => {
  it("gives a first page visit its owner cookie, and none once it has a valid one", async () => {
    const first = await get("/");
    const [cookie] = first.headers.getSetCookie();
    expect(cookie).toMatch(/^owner=o1\.own_[A-Za-z0-9_-]{22}\..*; Max-Age=34560000; Path=\/; HttpOnly; SameSite=Lax$/);
    const again = await get("/generations/gen_x", { cookie: (cookie as string).split(";")[0] as string });
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(again.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-/);
  });

  it("leaves minting to API routes (cookie-less API clients still get one there)", async () => {
    const api = await get("/api/generations");
    expect(api.headers.getSetCookie()).toEqual([]);
    expect(api.headers.get("x-middleware-next")).toBe("1");
  });

  it("answers undecodable or NUL paths itself: JSON 400 for the API, plain 400 for pages", async () => {
    for (const url of ["/api/generations/%ff", "/api/files/generations/x/%ff%fe.png", "/api/generations/%00/cancel"]) {
      const res = await get(url);
      expect(res.status, url).toBe(400);
      expect(res.headers.get("x-middleware-next")).toBeNull();
      expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(await res.json()).toMatchObject({ error: { code: "bad_request", fields: [{ path: "path" }] } });
    }
    const page = await get("/generations/%ff");
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(page.headers.getSetCookie()).toEqual([]);
  });
});
