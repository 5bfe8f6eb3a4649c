import type { Response as PlaywrightResponse } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack } from "./harness";
import { expectSecurityHeaders } from "./security-expectations";

// Against the real server (`npm start`: scripts/server.mjs around Next): the owner cookie comes
// with the page, before any API call; the client address is the socket's, whatever headers a
// client forges; paths Next cannot decode get the API's JSON 400 with the security headers.

describe("owner cookie, client address and undecodable paths on the real server", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("sets the owner cookie on the first page response, so two racing API calls share one owner", async () => {
    const context = await stack.browser.newContext();
    try {
      const page = await context.newPage();
      const apiSetCookies: string[] = [];
      page.on("response", async (res: PlaywrightResponse) => {
        if (!new URL(res.url()).pathname.startsWith("/api/")) return;
        for (const h of await res.headersArray()) if (h.name.toLowerCase() === "set-cookie") apiSetCookies.push(h.value);
      });
      const document = await page.goto(`${stack.baseUrl}/`);
      const pageCookies = (await document?.headersArray())?.filter((h) => h.name.toLowerCase() === "set-cookie") ?? [];
      expect(pageCookies.map((h) => h.value)).toEqual([
        expect.stringMatching(/^owner=o1\.own_[A-Za-z0-9_-]{22}\..*HttpOnly; SameSite=Lax$/),
      ]);
      await page.getByRole("heading", { name: "New generation" }).waitFor();

      // Two creates at once, as a double-submitting page would send them.
      const ids = await page.evaluate(async () => {
        const create = (prompt: string) =>
          fetch("/api/generations", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ model: "sdxl-lightning", input: { prompt } }),
          }).then((r) => r.json() as Promise<{ id: string }>);
        const made = await Promise.all([create("racing fox one"), create("racing fox two")]);
        return made.map((g) => g.id);
      });
      const listed = await page.evaluate(async () => {
        const res = await fetch("/api/generations");
        return ((await res.json()) as { generations: { id: string }[] }).generations.map((g) => g.id);
      });
      expect(listed.sort()).toEqual([...ids].sort());
      expect(apiSetCookies).toEqual([]); // no API answer had to mint an owner
      expect((await context.cookies()).filter((c) => c.name === "owner")).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it("counts sign-in attempts per socket address, whatever forwarding headers a client sends", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 7; i++) {
      const res = await fetch(`${stack.baseUrl}/api/admin/session`, {
        method: "POST",
        headers: {
          origin: stack.baseUrl,
          "content-type": "application/json",
          "x-forwarded-for": `198.51.100.${i}`,
          "x-real-ip": `198.51.100.${i}`,
          "x-vercel-forwarded-for": `198.51.100.${i}`,
          "x-studio-socket-address": `198.51.100.${i}`,
        },
        body: JSON.stringify({ password: `not-it-${i}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(stack.logs()).not.toMatch(/no trusted client address/);
  });

  it("answers paths Next cannot decode with the JSON 400 and every security header, the files route included", async () => {
    for (const target of [
      "/api/generations/%ff",
      "/api/generations/%00",
      "/api/generations/%ff/cancel",
      "/api/files/generations/x/%ff%fe.png",
      "/api/admin/generations/%e2%82",
    ]) {
      const res = await fetch(`${stack.baseUrl}${target}`);
      expect(res.status, target).toBe(400);
      expect(res.headers.get("content-type"), target).toMatch(/^application\/json/);
      expect(await res.json()).toMatchObject({ error: { code: "bad_request", fields: [{ path: "path" }] } });
      const headers = Object.fromEntries(res.headers);
      // The JSON error is an API answer, whichever route the path was aimed at.
      expectSecurityHeaders(new URL(`${stack.baseUrl}/api/x`), headers);
    }
    const page = await fetch(`${stack.baseUrl}/generations/%ff`);
    expect(page.status).toBe(400);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
  });
});
