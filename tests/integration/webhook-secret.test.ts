import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/server";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { postWebhook, signedHeaders } from "../helpers/webhooks";

// The signing secret fetched from Replicate (no REPLICATE_WEBHOOK_SECRET) is cached for the life
// of the process. When it is rotated (here: Replicate replaced by another emulator with its own
// secret), a webhook that fails verification triggers one refresh, at most once a minute, before
// it is answered 401: a rotation does not mean 401s until a restart, and forgeries cannot make the
// app ask Replicate for the secret on every request.
let app: TestApp;
let rotated: Emulator;
beforeAll(async () => {
  app = await startTestApp({ proxy: true });
  rotated = await startEmulator({ port: 0, timeScale: 0.05 });
});
afterAll(async () => {
  await app?.close();
  await rotated?.close();
});

const unknownGeneration = "gen_AAAAAAAAAAAAAAAAAAAAAA";
const event = JSON.stringify({ id: "p1", status: "processing" });
const secretFetches = () => app.proxy?.requests.filter((r) => r.path === "/v1/webhooks/default/secret").length;

describe("webhook secret rotation", () => {
  it("verifies with the fetched secret, refreshes it once when Replicate rotated it, then refuses forgeries", async () => {
    const before = await postWebhook(app.url, unknownGeneration, event, signedHeaders(app.emulator.webhookSecret, event));
    expect(before.status).toBe(200);
    expect(secretFetches()).toBe(1);

    if (!app.proxy) throw new Error("no proxy");
    app.proxy.target = rotated.url;
    expect(rotated.webhookSecret).not.toBe(app.emulator.webhookSecret);
    const after = await postWebhook(app.url, unknownGeneration, event, signedHeaders(rotated.webhookSecret, event));
    expect(after.status).toBe(200);
    expect(secretFetches()).toBe(2);

    // A forgery right after: 401, and no new request to Replicate (one refresh a minute).
    const forged = await postWebhook(
      app.url,
      unknownGeneration,
      event,
      signedHeaders("whsec_d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC0xMjM0NTY=", event),
    );
    expect(forged.status).toBe(401);
    expect(secretFetches()).toBe(2);
    // The refreshed secret stays in use.
    const again = await postWebhook(app.url, unknownGeneration, event, signedHeaders(rotated.webhookSecret, event));
    expect(again.status).toBe(200);
    expect(secretFetches()).toBe(2);
  });
});
