import { readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LineageView } from "../../src/shared/lineage-view";
import { countGenerations, dbRows, generationRow } from "../helpers/db-inspect";
import { emulatorPrediction, forgetPrediction } from "../helpers/emulator-control";
import { startTestApp, type TestApp } from "../helpers/test-app";
import type { TestClient } from "../helpers/test-client";
import { halfMask, solidPng, uploadBytes } from "../helpers/test-images";

// File inputs of POST /api/generations take only the caller's own uploads and outputs: anything
// else is a 400 naming the field, with nothing written and nothing sent to Replicate. The image
// tools run on the emulator with outputs derived from the inputs, chained generations record their
// parent, and inputs stay served after Replicate (the emulator) has forgotten the prediction.

let app: TestApp;
let alice: TestClient;
let red: string;
beforeAll(async () => {
  app = await startTestApp();
  alice = app.client();
  const uploaded = await uploadBytes(alice, await solidPng(64, 48, { r: 230, g: 20, b: 20 }), "red.png");
  red = new URL(uploaded.body.url as string, app.url).href;
});
afterAll(async () => {
  await app?.close();
});

const creates = async () => (await app.emulatorRequests()).filter((r) => r.method === "POST" && r.path.includes("predictions"));
const imageOf = async (url: string) => Buffer.from(await (await fetch(new URL(url, app.url))).arrayBuffer());

describe("file inputs that are not the caller's own", () => {
  it.each([
    ["another owner's upload", async () => red, "bob"],
    ["an external URL", async () => "https://example.com/cat.png", "alice"],
    ["our files route with a key that is no upload", async () => `${app.url}/api/files/uploads/x/upl_nothing.png`, "alice"],
    ["an upload URL on another origin", async () => red.replace(app.url, "http://evil.example"), "alice"],
    ["an app-relative upload URL", async () => new URL(red).pathname, "alice"],
    ["not a URL", async () => "cat.png", "alice"],
  ])("refuses %s with a 400 naming the field, writing and sending nothing", async (_label, url, who) => {
    const client = who === "bob" ? app.client() : alice;
    const before = (await creates()).length;
    const { res, body } = await client.create("upscale", { image: await url(), scale: 2 });
    expect(res.status).toBe(400);
    expect(body.error?.fields?.map((f) => f.path)).toEqual(["input.image"]);
    expect(await countGenerations()).toBe(0);
    expect((await creates()).length).toBe(before);
  });

  it("refuses an image tool without its image", async () => {
    const { res, body } = await alice.create("sdxl-img2img", { prompt: "a boat" });
    expect(res.status).toBe(400);
    expect(body.error?.fields?.map((f) => f.path)).toEqual(["input.image"]);
    expect(await creates()).toEqual([]);
  });
});

describe("image tools, chained", () => {
  let img2imgId: string;
  let firstOutput: string;

  it("runs SDXL image-to-image on an upload: the output has the upload's size and colour", async () => {
    const { res, body } = await alice.create("sdxl-img2img", { prompt: "a red boat", image: red, prompt_strength: 0.6 });
    expect(res.status).toBe(201);
    const done = await alice.waitFor(body.id);
    expect(done.status).toBe("succeeded");
    expect(done.input.image).toBe(red); // recorded as the user gave it
    const [output] = done.outputs;
    expect(output).toMatchObject({ width: 64, height: 48 });
    const [r, g] = (await sharp(await imageOf(output?.url as string)).stats()).channels.map((c) => c.mean);
    expect(r).toBeGreaterThan((g as number) + 40);
    img2imgId = done.id;
    firstOutput = new URL(output?.url as string, app.url).href;
    // No parent: it started from an upload.
    expect((await generationRow(done.id)).parentGenerationId).toBeNull();
  });

  it("inpaints with a painted mask", async () => {
    const mask = new URL((await uploadBytes(alice, await halfMask(64, 48), "mask.png")).body.url as string, app.url).href;
    const { body } = await alice.create("sdxl-inpaint", { prompt: "a boat", image: red, mask });
    const done = await alice.waitFor(body.id);
    expect(done.status).toBe("succeeded");
    expect(done.outputs[0]).toMatchObject({ width: 64, height: 48 });
  });

  it("upscales an output (dimensions × the scale) and records it as the parent", async () => {
    const { body } = await alice.create("upscale", { image: firstOutput, scale: 2 });
    const done = await alice.waitFor(body.id);
    expect(done.status).toBe("succeeded");
    expect(done.outputs[0]).toMatchObject({ width: 128, height: 96 });
    const row = await generationRow(done.id);
    expect([row.parentGenerationId, row.parentOutputIndex]).toEqual([img2imgId, 0]);
  });

  it("removes a background: the output has an alpha channel", async () => {
    const { body } = await alice.create("remove-bg", { image: firstOutput });
    const done = await alice.waitFor(body.id);
    expect(done.status).toBe("succeeded");
    const meta = await sharp(await imageOf(done.outputs[0]?.url as string)).metadata();
    expect(meta).toMatchObject({ hasAlpha: true, format: "png" });
    // The model takes no seed: none is recorded, and none is sent to Replicate.
    expect(done.input).not.toHaveProperty("seed");
    const sent = await emulatorPrediction(app, (await generationRow(done.id)).predictionId as string);
    expect(sent?.input).not.toHaveProperty("seed");
  });

  it("edits by instruction (FLUX Kontext [pro] on the emulator)", async () => {
    const { body } = await alice.create("flux-kontext-pro", { prompt: "make it blue", input_image: firstOutput });
    const done = await alice.waitFor(body.id);
    expect(done.status).toBe("succeeded");
    expect(done.outputs[0]).toMatchObject({ width: 64, height: 48 });
  });

  it("shows the lineage: the parent of a chained generation and the children of its parent", async () => {
    const res = await alice.request(`/api/generations/${img2imgId}/lineage`);
    const lineage = (await res.json()) as LineageView;
    expect(lineage.parent).toBeNull();
    expect(lineage.children.map((c) => c.model).sort()).toEqual(["flux-kontext-pro", "remove-bg", "upscale"]);
    const child = lineage.children.find((c) => c.model === "upscale");
    const childLineage = (await (await alice.request(`/api/generations/${child?.id}/lineage`)).json()) as LineageView;
    expect(childLineage.parent).toMatchObject({ id: img2imgId, outputIndex: 0, model: "sdxl-img2img" });
    expect(childLineage.parent?.thumbnail).toMatch(/^\/api\/files\/generations\//);
    // Someone else's lineage is not found.
    expect((await app.client().request(`/api/generations/${img2imgId}/lineage`)).status).toBe(404);
  });

  it("keeps serving the inputs after Replicate (the emulator) forgot the prediction", async () => {
    const { body } = await alice.create("upscale", { image: red, scale: 1 });
    const done = await alice.waitFor(body.id);
    const row = await generationRow(done.id);
    await forgetPrediction(app, row.predictionId as string);
    const prediction = await fetch(`${app.emulator.url}/v1/predictions/${row.predictionId}`, {
      headers: { authorization: "Bearer t" },
    });
    expect(prediction.status).toBe(404);
    const input = await fetch(done.input.image as string);
    expect(input.status).toBe(200);
    expect((await sharp(Buffer.from(await input.arrayBuffer())).metadata()).width).toBe(64);
    expect((await fetch(new URL(done.outputs[0]?.url as string, app.url))).status).toBe(200);
  });

  it("stored every upload once, under its owner's folder", async () => {
    const rows = await dbRows<{ n: number }>(sql`select count(*)::int as n from uploads`);
    expect(rows[0]?.n).toBe(2);
    const folders = readdirSync(path.join(app.dataDir, "files", "uploads"));
    expect(folders).toHaveLength(1);
  });
});
