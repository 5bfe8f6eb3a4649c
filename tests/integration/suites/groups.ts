import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerationView, GroupView } from "../../../src/shared/generation-view";
import { emulatorPredictionsMatching } from "../../helpers/emulator-control";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";
import type { TestClient } from "../../helpers/test-client";

// Variations and compare groups: one request, several generations sharing a group id, created
// all or none under the owner's quotas. On real PostgreSQL the concurrent requests overlap, so
// the all-or-none test fails if a group's quota check is not under the owner's lock.

type Answer = {
  res: Response;
  body: GroupView & { limit?: string; running?: number; error?: { code: string; message: string; fields?: { path: string }[] } };
};

async function postGroup(browser: TestClient, json: Record<string, unknown>): Promise<Answer> {
  const res = await browser.request("/api/groups", { json });
  return { res, body: (await res.json()) as Answer["body"] };
}

export function groupsSuite(db: DbKind) {
  describe(`groups on ${db}`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ db, env: { MAX_RUNNING_PER_OWNER: "3" } });
    });
    afterAll(async () => {
      await app?.close();
    });

    it("variations: N generations of one model, each with its own seed, in one group", async () => {
      const browser = app.client();
      const { res, body } = await postGroup(browser, {
        kind: "variations",
        model: "sdxl-lightning",
        count: 3,
        input: { prompt: "three foxes", width: 256, height: 256, seed: 7 },
      });
      expect(res.status).toBe(201);
      expect(body.kind).toBe("variations");
      expect(body.generations).toHaveLength(3);
      const seeds = body.generations.map((g) => g.input.seed);
      expect(new Set(seeds).size).toBe(3);
      for (const g of body.generations) expect(g.group).toEqual({ id: body.id, kind: "variations" });
      const done = await Promise.all(body.generations.map((g) => browser.waitFor(g.id)));
      expect(done.map((g) => g.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
      const again = (await (await browser.request(`/api/groups/${body.id}`)).json()) as GroupView;
      expect(again.generations.map((g) => g.id)).toEqual(body.generations.map((g) => g.id));
      expect(await emulatorPredictionsMatching(app, "three foxes")).toHaveLength(3);
    });

    it("compare: one prompt and seed on 3 models, each priced from its own run", async () => {
      const browser = app.client();
      const { res, body } = await postGroup(browser, {
        kind: "compare",
        models: ["sdxl-lightning", "sdxl", "flux-schnell"],
        // width only means something to the SDXL models; FLUX never receives it
        input: { prompt: "a lighthouse, compared", width: 512, height: 512 },
      });
      expect(res.status).toBe(201);
      expect(body.generations.map((g) => g.model)).toEqual(["sdxl-lightning", "sdxl", "flux-schnell"]);
      expect(new Set(body.generations.map((g) => g.input.seed)).size).toBe(1);
      expect(body.generations[2]?.input.width).toBeUndefined();
      const done: GenerationView[] = await Promise.all(body.generations.map((g) => browser.waitFor(g.id)));
      for (const g of done) {
        expect(g.status).toBe("succeeded");
        expect(g.predictTime).toBeGreaterThan(0);
        expect(g.estimatedCostUsd).toBeGreaterThan(0);
      }
      // Someone else cannot read the group.
      expect((await app.client().request(`/api/groups/${body.id}`)).status).toBe(404);
      // Download all: one zip of every model's image, each named after its own model and the shared seed.
      const zip = await browser.request(`/api/groups/${body.id}/download`);
      expect(zip.status).toBe(200);
      const seed = done[0]?.input.seed;
      expect(zip.headers.get("content-disposition")).toBe(
        `attachment; filename="a-lighthouse-compared_comparison_seed-${seed}.zip"`,
      );
      const files = Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer()))).sort();
      expect(files).toEqual(
        ["flux-schnell", "sdxl-lightning", "sdxl"].map((model) =>
          expect.stringMatching(new RegExp(`^a-lighthouse-compared_${model}_seed-${seed}\\.\\w+$`)),
        ),
      );
      expect((await app.client().request(`/api/groups/${body.id}/download`)).status).toBe(404);
    });

    it("a repeated key answers with the same group and starts nothing more", async () => {
      const browser = app.client();
      const json = {
        kind: "variations",
        model: "sdxl-lightning",
        count: 2,
        input: { prompt: "keyed pair" },
        idempotencyKey: "pair-key-1",
      };
      const first = await postGroup(browser, json);
      const second = await postGroup(browser, json);
      expect([first.res.status, second.res.status]).toEqual([201, 200]);
      expect(second.body.id).toBe(first.body.id);
      await Promise.all(first.body.generations.map((g) => browser.waitFor(g.id)));
      expect(await emulatorPredictionsMatching(app, "keyed pair")).toHaveLength(2);
    });

    it("bad requests name the field", async () => {
      const browser = app.client();
      const one = await postGroup(browser, { kind: "compare", models: ["sdxl"], input: { prompt: "x" } });
      expect(one.res.status).toBe(400);
      expect(one.body.error?.fields?.[0]?.path).toBe("models");
      const many = await postGroup(browser, { kind: "variations", model: "sdxl", count: 9, input: { prompt: "x" } });
      expect(many.body.error?.fields?.[0]?.path).toBe("count");
      const input = await postGroup(browser, { kind: "variations", model: "sdxl", count: 2, input: { prompt: "x", width: 3 } });
      expect(input.body.error?.fields?.[0]?.path).toBe("input.width");
      // A tool without a seed has nothing to vary.
      const seedless = await postGroup(browser, { kind: "variations", model: "remove-bg", count: 2, input: {} });
      expect(seedless.res.status).toBe(400);
      expect(seedless.body.error?.fields?.[0]).toEqual({ path: "model", message: "Remove background has no seed to vary" });
      expect((await app.client().request("/api/groups/cmp_nope")).status).toBe(404);
    });

    it("compare refuses models that would not use the same inputs or do the same job, naming models and the input, with nothing started", async () => {
      const browser = app.client();
      // Refused before any input is read: the image need not be one of the caller's own.
      const image = "https://example.com/unlike.png";
      const sameInputs = (why: string) => `${why}: compare models that use the same inputs`;
      const cases = [
        // Remove background would ignore the prompt image-to-image is run by.
        [
          ["sdxl-img2img", "remove-bg"],
          sameInputs("Remove background does not take Prompt (prompt), which SDXL image-to-image requires"),
        ],
        // A text model would ignore the image.
        [["sdxl-img2img", "sdxl"], sameInputs("SDXL does not take Image (image), which SDXL image-to-image requires")],
        // Upscale needs an image a prompt alone does not give.
        [
          ["sdxl-lightning", "upscale"],
          sameInputs("Upscale (Real-ESRGAN) requires Image (image), which SDXL Lightning does not take"),
        ],
        // The same input, another job: an upscale beside a cut-out answers no one question.
        [
          ["upscale", "remove-bg"],
          "Upscale (Real-ESRGAN) and Remove background do different jobs: compare models that do the same job",
        ],
      ] as const;
      for (const [models, why] of cases) {
        const { res, body } = await postGroup(browser, {
          kind: "compare",
          models,
          input: { prompt: "an unlike comparison", image },
        });
        expect(res.status, models.join(" + ")).toBe(400);
        expect(body.error?.fields).toEqual([{ path: "models", message: why }]);
      }
      expect(await emulatorPredictionsMatching(app, "an unlike comparison")).toHaveLength(0);
      const list = (await (await browser.request("/api/generations")).json()) as { generations: GenerationView[] };
      expect(list.generations).toHaveLength(0);
    });

    it("a group larger than the running limit is refused by its size, with nothing created", async () => {
      const browser = app.client();
      const { res, body } = await postGroup(browser, {
        kind: "variations",
        model: "sdxl-lightning",
        count: 4,
        input: { prompt: "four is one too many" },
      });
      expect(res.status).toBe(429);
      expect(body.error?.message).toBe("A group of 4 would pass your limit of 3 generations running at once: choose 3 or fewer.");
      expect(body).toMatchObject({ limit: "MAX_RUNNING_PER_OWNER", running: 0 });
      expect(await emulatorPredictionsMatching(app, "four is one too many")).toHaveLength(0);
      const list = (await (await browser.request("/api/generations")).json()) as { generations: GenerationView[] };
      expect(list.generations).toHaveLength(0);
    });

    it("concurrent groups under a running limit of 3: all or none of each, never over the limit", async () => {
      const browser = app.client();
      await browser.request("/api/generations");
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          postGroup(browser, {
            kind: "variations",
            model: "sdxl-lightning",
            count: 2,
            input: { prompt: `pair race ${i} [cold-start:100]` },
          }),
        ),
      );
      // The first pair takes 2 of 3 places; every later pair would need a 4th, so none is created.
      expect(answers.filter((a) => a.res.status === 201)).toHaveLength(1);
      const refused = answers.filter((a) => a.res.status === 429);
      expect(refused).toHaveLength(5);
      // Named for the group, counting only what ran before it (not its own first member).
      for (const { body } of refused) {
        expect(body.error?.message).toBe(
          "A group of 2 needs 2 free places, and 2 of your 3 are in use: wait for one to finish, or choose fewer.",
        );
        expect(body).toMatchObject({ limit: "MAX_RUNNING_PER_OWNER", running: 2 });
      }
      expect(await emulatorPredictionsMatching(app, "pair race")).toHaveLength(2);
      const list = (await (await browser.request("/api/generations")).json()) as { generations: GenerationView[] };
      expect(list.generations).toHaveLength(2);
    });
  });
}
