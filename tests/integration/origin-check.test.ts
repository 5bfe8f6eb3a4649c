import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countGenerations, generationRow } from "../helpers/db-inspect";
import { startHeldGeneration } from "../helpers/generation-fixtures";
import { startTestApp, type TestApp } from "../helpers/test-app";

// Writes are accepted only from the app's own origin: same scheme, host and port. Over real HTTP
// against the route handlers, with the emulator as Replicate.
describe("the origin check on writes", () => {
  let app: TestApp;
  let own: URL;
  let mismatches: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp();
    own = new URL(app.url);
    mismatches = {
      scheme: `https://${own.host}`,
      port: `http://${own.hostname}:${Number(own.port) === 65535 ? 1 : Number(own.port) + 1}`,
      "default port": `http://${own.hostname}`,
      host: `http://localhost:${own.port}`,
    };
  });

  afterAll(async () => {
    await app?.close();
  });

  const createFrom = (origin: string, prompt: string, headers: Record<string, string> = {}) =>
    app.client().request("/api/generations", {
      json: { model: "sdxl-lightning", input: { prompt } },
      headers: { origin, ...headers },
    });

  it("refuses a create from another scheme, port or host with 403 and writes nothing; its own origin gets 201", async () => {
    const before = await countGenerations();
    for (const [what, origin] of Object.entries(mismatches)) {
      const refused = await createFrom(origin, `cross ${what}`);
      expect(refused.status, what).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: "forbidden" } });
    }
    expect(await countGenerations()).toBe(before);

    const accepted = await createFrom(own.origin, "from our own origin");
    expect(accepted.status).toBe(201);
    expect(await countGenerations()).toBe(before + 1);
  });

  it("refuses a cancel from https:// when the app is http://, and accepts it from the app's origin", async () => {
    const owner = app.client();
    const running = await startHeldGeneration(owner, "origin-checked cancel");
    const path = `/api/generations/${running.id}/cancel`;
    for (const origin of [mismatches.scheme, mismatches.port] as string[]) {
      const refused = await owner.request(path, { method: "POST", headers: { origin } });
      expect(refused.status).toBe(403);
    }
    expect((await generationRow(running.id)).status).toMatch(/starting|processing/);
    const accepted = await owner.request(path, { method: "POST", headers: { origin: own.origin } });
    expect(accepted.status).toBe(200);
    expect((await owner.waitFor(running.id, ["canceled"])).status).toBe("canceled");
  });

  it("refuses an admin sign-in from another scheme before looking at the password (no cookie)", async () => {
    const res = await app.client().request("/api/admin/session", {
      json: { password: "whatever-it-is" },
      headers: { origin: mismatches.scheme as string },
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("behind a TLS proxy, the forwarded scheme and host are the app's origin; the same host over http is not", async () => {
    const proxy = { "x-forwarded-proto": "https", "x-forwarded-host": "studio.example.org" };
    expect((await createFrom("https://studio.example.org", "via the proxy", proxy)).status).toBe(201);
    expect((await createFrom("http://studio.example.org", "downgraded", proxy)).status).toBe(403);
    expect((await createFrom("https://studio.example.org:8443", "other port", proxy)).status).toBe(403);
  });
});
