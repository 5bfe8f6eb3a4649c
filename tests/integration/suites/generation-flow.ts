import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";

// create → webhook → persist → poll, against the emulator, on one database kind.
export function generationFlowSuite(db: DbKind) {
  describe(`generation flow on ${db}`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ db });
    });
    afterAll(async () => {
      await app?.close();
    });

    it.each([
      ["sdxl-lightning", { prompt: "a red fox" }, "image/png"],
      ["sdxl", { prompt: "a red fox", width: 512, height: 384 }, "image/png"],
      ["flux-schnell", { prompt: "a red fox", aspect_ratio: "16:9", num_outputs: 2 }, "image/webp"],
    ])("%s: 201, succeeds, outputs served by the app as real images", async (model, input, contentType) => {
      const browser = app.client();
      const { res, body } = await browser.create(model, input);
      expect(res.status).toBe(201);
      expect(body).toMatchObject({ model, status: expect.stringMatching(/queued|starting|processing/) });
      expect(body.input.seed).toEqual(expect.any(Number));

      const done = await browser.waitFor(body.id);
      expect(done.status).toBe("succeeded");
      expect(done.progress).toBe(1);
      expect(done.outputs.length).toBe((input as { num_outputs?: number }).num_outputs ?? 1);
      for (const output of done.outputs) {
        expect(output.url.startsWith("/api/files/")).toBe(true);
        expect(output.contentType).toBe(contentType);
        const file = await browser.request(output.url);
        expect(file.status).toBe(200);
        expect(file.headers.get("content-type")).toBe(contentType);
        const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
        expect(meta.width).toBe(output.width);
        expect(meta.height).toBe(output.height);
        expect(`image/${meta.format === "jpeg" ? "jpeg" : meta.format}`).toBe(contentType);
      }
      if (model === "sdxl") expect(done.outputs[0]).toMatchObject({ width: 512, height: 384 });
    });

    it("costs exactly one request to Replicate: the create, and no status polls", async () => {
      await fetch(`${app.emulator.url}/_emulator/requests`, { method: "DELETE" });
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", { prompt: "count my requests" });
      const done = await browser.waitFor(body.id);
      expect(done.status).toBe("succeeded");
      const requests = (await app.emulatorRequests()).map((r) => `${r.method} ${r.path}`);
      // The webhook signing secret is fetched once per process, not per generation.
      const perGeneration = requests.filter((r) => r !== "GET /v1/webhooks/default/secret");
      expect(perGeneration).toEqual(["POST /v1/predictions"]);
      expect(requests.length - perGeneration.length).toBeLessThanOrEqual(1);
    });

    it("lists only the caller's generations; another browser gets 404", async () => {
      const alice = app.client();
      const bob = app.client();
      const { body } = await alice.create("sdxl-lightning", { prompt: "alice's secret" });
      await alice.waitFor(body.id);
      const list = (await (await alice.request("/api/generations")).json()) as { generations: { id: string }[] };
      expect(list.generations.map((g) => g.id)).toEqual([body.id]);
      expect((await bob.get(body.id)).status).toBe(404);
      const bobs = (await (await bob.request("/api/generations")).json()) as { generations: unknown[] };
      expect(bobs.generations).toEqual([]);
    });
  });
}
