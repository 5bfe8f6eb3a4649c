import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../src/lib/db/index";
import { generationDeletions } from "../../../src/lib/db/schema";
import type { GenerationPage, GenerationView } from "../../../src/shared/generation-view";
import { generationRow, outputCount } from "../../helpers/db-inspect";
import { untilEmulatorIdle } from "../../helpers/emulator-control";
import { generationDir, storedFiles } from "../../helpers/stored-files";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";
import type { TestClient } from "../../helpers/test-client";

// Curating one's own generations: delete (files gone from storage, out of every owner view, an
// audit row kept), favourite, and the list's search and filters. On real PostgreSQL the delete
// races the webhook that saves the outputs: whichever wins, no file outlives a deleted generation.

export function curateSuite(db: DbKind) {
  describe(`curate on ${db}`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ db });
    });
    afterAll(async () => {
      await app?.close();
    });

    const filesOf = (id: string) => storedFiles(app.dataDir, id);
    const list = async (browser: TestClient, query = "") =>
      ((await (await browser.request(`/api/generations${query}`)).json()) as GenerationPage).generations;
    const auditRows = async (id: string) =>
      (await getDb()).select().from(generationDeletions).where(eq(generationDeletions.generationId, id));

    it("delete removes the stored files and the outputs, hides the generation, keeps an audit row", async () => {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", {
        prompt: "to be deleted",
        num_outputs: 2,
        width: 256,
        height: 256,
      });
      await browser.waitFor(body.id);
      expect(filesOf(body.id).length).toBeGreaterThanOrEqual(2);
      const res = await browser.request(`/api/generations/${body.id}`, { method: "DELETE" });
      expect(res.status).toBe(204);
      expect(filesOf(body.id)).toEqual([]);
      expect(await outputCount(body.id)).toBe(0);
      expect((await browser.get(body.id)).status).toBe(404);
      expect((await list(browser)).map((g) => g.id)).not.toContain(body.id);
      const [audit] = await auditRows(body.id);
      expect(audit?.status).toBe("succeeded");
      expect(audit?.removedKeys).toEqual(
        expect.arrayContaining([`generations/${body.id}/0.png`, `generations/${body.id}/1.png`]),
      );
      expect((await generationRow(body.id)).deletedAt).not.toBeNull();
      // Deleting again, or someone else's: 404.
      expect((await browser.request(`/api/generations/${body.id}`, { method: "DELETE" })).status).toBe(404);
    });

    it("download all: one zip of every output, named after the prompt, model and seed", async () => {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", {
        prompt: "Zürich at night, 35mm!",
        num_outputs: 2,
        width: 256,
        height: 256,
        seed: 42,
      });
      await browser.waitFor(body.id);
      const res = await browser.request(`/api/generations/${body.id}/download`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/zip");
      expect(res.headers.get("content-disposition")).toBe(
        'attachment; filename="zurich-at-night-35mm_sdxl-lightning_seed-42.zip"',
      );
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
      expect(Object.keys(files).sort()).toEqual([
        "zurich-at-night-35mm_sdxl-lightning_seed-42_1.png",
        "zurich-at-night-35mm_sdxl-lightning_seed-42_2.png",
      ]);
      const stored = readFileSync(path.join(generationDir(app.dataDir, body.id), "0.png"));
      expect(Buffer.from(files["zurich-at-night-35mm_sdxl-lightning_seed-42_1.png"] as Uint8Array).equals(stored)).toBe(true);
      expect((await app.client().request(`/api/generations/${body.id}/download`)).status).toBe(404);
    });

    it("a running generation cannot be deleted (409), nor another owner's (404)", async () => {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", { prompt: "still running [cold-start:600]" });
      await browser.waitFor(body.id, ["starting"]);
      const running = await browser.request(`/api/generations/${body.id}`, { method: "DELETE" });
      expect(running.status).toBe(409);
      expect(((await running.json()) as { error: { message: string } }).error.message).toMatch(/Cancel it first/);
      expect((await app.client().request(`/api/generations/${body.id}`, { method: "DELETE" })).status).toBe(404);
      await browser.request(`/api/generations/${body.id}/cancel`, { method: "POST" });
      expect((await browser.request(`/api/generations/${body.id}`, { method: "DELETE" })).status).toBe(204);
    });

    it("favourite, hide failed, search by prompt, filter by model and status", async () => {
      const browser = app.client();
      const fox = await browser.create("sdxl-lightning", { prompt: "a quiet fox 100%_literal", width: 256, height: 256 });
      const owl = await browser.create("flux-schnell", { prompt: "an owl", megapixels: "0.25" });
      const bad = await browser.create("sdxl-lightning", { prompt: "broken owl [fail]" });
      await Promise.all([fox, owl, bad].map((c) => browser.waitFor(c.body.id)));
      const star = await browser.request(`/api/generations/${owl.body.id}`, { method: "PATCH", json: { favourite: true } });
      expect(((await star.json()) as GenerationView).favourite).toBe(true);
      const ids = async (query: string) => (await list(browser, query)).map((g) => g.id);
      expect(await ids("?favourite=true")).toEqual([owl.body.id]);
      expect(await ids("?hideFailed=true")).not.toContain(bad.body.id);
      expect(await ids("?q=OWL")).toEqual([bad.body.id, owl.body.id]);
      expect(await ids("?q=100%25_")).toEqual([fox.body.id]);
      expect(await ids("?q=x%25")).toEqual([]); // % is literal, not a wildcard
      expect(await ids("?model=flux-schnell")).toEqual([owl.body.id]);
      expect(await ids("?status=failed")).toEqual([bad.body.id]);
      expect(await ids("?status=failed&hideFailed=true")).toEqual([bad.body.id]); // a status outranks it
      const wrong = await browser.request("/api/generations?status=lost");
      expect(wrong.status).toBe(400);
      expect(((await wrong.json()) as { error: { fields: { path: string }[] } }).error.fields[0]?.path).toBe("status");
      const patch = await browser.request(`/api/generations/${owl.body.id}`, { method: "PATCH", json: { favourite: "yes" } });
      expect(patch.status).toBe(400);
    });

    it("delete racing the webhook that saves the outputs: no file outlives a deleted generation", async () => {
      const browser = app.client();
      // Every completed webhook delivered 4 times at once, so deliveries overlap the delete.
      const { body } = await browser.create("sdxl-lightning", {
        prompt: "race the delete [duplicate-webhooks:4]",
        num_outputs: 2,
        width: 256,
        height: 256,
      });
      const answers: number[] = [];
      for (;;) {
        const res = await browser.request(`/api/generations/${body.id}`, { method: "DELETE" });
        answers.push(res.status);
        if (res.status === 204) break;
        expect([409, 503]).toContain(res.status);
      }
      const row = await generationRow(body.id);
      if (row.predictionId) await untilEmulatorIdle(app, row.predictionId);
      expect(row.deletedAt).not.toBeNull();
      expect(filesOf(body.id)).toEqual([]);
      expect(await outputCount(body.id)).toBe(0);
      expect((await generationRow(body.id)).status).toBe("succeeded");
      expect(await auditRows(body.id)).toHaveLength(1);
      expect(answers.at(-1)).toBe(204);
    });
  });
}
