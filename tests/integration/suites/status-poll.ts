import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerationView } from "../../../src/shared/generation-view";
import { generationRow } from "../../helpers/db-inspect";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";
import type { TestClient } from "../../helpers/test-client";
import { postWebhook, signedHeaders } from "../../helpers/webhooks";

// GET /api/generations/:id as the page polls it: the ETag comes from the row's version, a
// matching If-None-Match is a bodiless 304, and any change to the generation gives a new body
// and a new tag. Owners and admins alike; strangers get 404 whatever tag they send.
const ADMIN_PASSWORD = "status-poll-admin-password";

export function statusPollSuite(db: DbKind) {
  describe(`status polls on ${db}`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ db, env: { ADMIN_PASSWORD } });
    });
    afterAll(async () => {
      await app?.close();
    });

    const poll = (client: TestClient, id: string, etag?: string) =>
      client.request(`/api/generations/${id}`, { headers: etag ? { "if-none-match": etag } : {} });

    /** A generation whose webhooks the emulator drops, and its finished prediction to deliver by hand. */
    async function silentGeneration(prompt: string) {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", { prompt: `${prompt} [drop-webhooks]` });
      for (;;) {
        const { predictionId } = await generationRow(body.id);
        const res = await fetch(`${app.emulator.url}/v1/predictions/${predictionId}`, { headers: { authorization: "Bearer t" } });
        const prediction = (await res.json()) as { status: string };
        if (prediction.status === "succeeded") return { browser, id: body.id, prediction: JSON.stringify(prediction) };
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    it("answers 304 while nothing changed and the new body as soon as something did", async () => {
      const { browser, id, prediction } = await silentGeneration("etag target");
      const first = await poll(browser, id);
      expect(first.status).toBe(200);
      const etag = first.headers.get("etag") ?? "";
      expect(etag).toMatch(/^W\/".+"$/);
      expect(((await first.json()) as GenerationView).status).toBe("starting");

      const unchanged = await poll(browser, id, etag);
      expect(unchanged.status).toBe(304);
      expect(await unchanged.text()).toBe("");
      expect(unchanged.headers.get("etag")).toBe(etag);
      // A list of tags, and the strong form of the same tag, match too; another tag does not.
      expect((await poll(browser, id, `W/"1.other", ${etag}`)).status).toBe(304);
      expect((await poll(browser, id, etag.replace(/^W\//, ""))).status).toBe(304);
      expect((await poll(browser, id, 'W/"1.other"')).status).toBe(200);

      const delivered = await postWebhook(app.url, id, prediction, signedHeaders(app.emulator.webhookSecret, prediction));
      expect(delivered.status).toBe(200);
      const changed = await poll(browser, id, etag);
      expect(changed.status).toBe(200);
      const newTag = changed.headers.get("etag") ?? "";
      expect(newTag).not.toBe(etag);
      const done = (await changed.json()) as GenerationView;
      expect(done).toMatchObject({ id, status: "succeeded", progress: 1 });
      expect(done.outputs).toEqual([expect.objectContaining({ url: expect.stringMatching(/^\/api\/files\//) })]);
      // The same body a poll without a tag gets, and the new tag now answers 304.
      const plain = await poll(browser, id);
      expect(await plain.json()).toEqual(done);
      expect(plain.headers.get("etag")).toBe(newTag);
      expect((await poll(browser, id, newTag)).status).toBe(304);
    });

    it("a held poll (?wait=<etag>) answers with the new body once the change commits (Neon: at once, not held)", async () => {
      const { browser, id, prediction } = await silentGeneration("held poll target");
      const etag = (await poll(browser, id)).headers.get("etag") ?? "";
      const held = browser.request(`/api/generations/${id}?wait=${encodeURIComponent(etag)}`);
      if (db === "neon") {
        const answer = await held;
        expect(answer.status).toBe(304);
        expect(answer.headers.get("x-poll-held")).toBe("0");
        return;
      }
      const delivered = await postWebhook(app.url, id, prediction, signedHeaders(app.emulator.webhookSecret, prediction));
      expect(delivered.status).toBe(200);
      const answer = await held;
      expect(answer.status).toBe(200);
      expect(answer.headers.get("x-poll-held")).toBe("1");
      expect(answer.headers.get("etag")).not.toBe(etag);
      expect(((await answer.json()) as GenerationView).status).toBe("succeeded");
      // A tag that is not current answers at once; a bad one is a 400 naming the field.
      expect((await browser.request(`/api/generations/${id}?wait=${encodeURIComponent('W/"1.x"')}`)).status).toBe(200);
      const bad = await browser.request(`/api/generations/${id}?wait=${"x".repeat(101)}`);
      expect(bad.status).toBe(400);
      expect(await bad.text()).toMatch(/wait/);
    });

    it("an admin polls anyone's generation with the same tags; a stranger gets 404 with or without one", async () => {
      const { browser, id } = await silentGeneration("admin poll target");
      const owners = await poll(browser, id);
      const etag = owners.headers.get("etag") ?? "";
      const admin = app.client();
      expect((await admin.request("/api/admin/session", { json: { password: ADMIN_PASSWORD } })).status).toBe(200);
      const seen = await poll(admin, id);
      expect(seen.status).toBe(200);
      expect(seen.headers.get("etag")).toBe(etag);
      expect(await seen.json()).toEqual(await owners.json());
      expect((await poll(admin, id, etag)).status).toBe(304);

      const stranger = app.client();
      expect((await poll(stranger, id)).status).toBe(404);
      expect((await poll(stranger, id, etag)).status).toBe(404);
      expect((await poll(stranger, "gen_doesnotexistdoesnotexi", etag)).status).toBe(404);
    });
  });
}
