import type Replicate from "replicate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fluxDimensions } from "../../src/emulator/images";
import type { Emulator } from "../../src/emulator/server";
import { startImageHost } from "../helpers/image-host";
import { solidPng } from "../helpers/test-images";
import { api, clientFor, LIGHTNING, type Prediction, SDXL, SMALL, startTestEmulator, waitForTerminal } from "./helpers";

// What the emulated models do that their real Cog code does too (docs/replicate.md §9): each
// version's seed rule, FLUX's size table, go_fast's non-determinism, and the Output schema's shape.

let emulator: Emulator;
let client: Replicate;

beforeAll(async () => {
  emulator = await startTestEmulator();
  client = clientFor(emulator);
});
afterAll(() => emulator.close());

async function run(request: Parameters<Replicate["predictions"]["create"]>[0]): Promise<Prediction> {
  const created = await client.predictions.create(request);
  return waitForTerminal(client, created.id);
}

const seedOf = (p: Prediction) => Number(/Using seed: (\d+)/.exec(p.logs)?.[1]);
const bytesOf = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());
const firstImage = async (p: Prediction) => bytesOf(String(p.output?.[0]));

describe("seeds, as each pinned version treats them", () => {
  it("sdxl-lightning: no seed draws a random one; 0 is an ordinary fixed seed", async () => {
    const lightning = (input: Record<string, unknown>) =>
      run({ version: LIGHTNING, input: { prompt: "a heron", ...SMALL, ...input } });
    const [random1, random2, zero1, zero2] = await Promise.all([
      lightning({}),
      lightning({}),
      lightning({ seed: 0 }),
      lightning({ seed: 0 }),
    ]);
    expect(seedOf(random1)).not.toBe(seedOf(random2)); // 32 random bits each
    expect([seedOf(zero1), seedOf(zero2)]).toEqual([0, 0]);
    expect((await firstImage(zero1)).equals(await firstImage(zero2))).toBe(true);
  });

  it("sdxl: 0 is an ordinary seed too", async () => {
    const done = await run({ version: SDXL, input: { prompt: "a heron", ...SMALL, seed: 0 } });
    expect(seedOf(done)).toBe(0);
  });

  it("flux-schnell with go_fast off: 0 means random, any other seed is reproducible", async () => {
    const flux = (seed: number) =>
      run({ model: "black-forest-labs/flux-schnell", input: { prompt: "a heron", seed, go_fast: false, megapixels: "0.25" } });
    const [zero, a, b] = await Promise.all([flux(0), flux(42), flux(42)]);
    expect(seedOf(zero)).not.toBe(0);
    expect((await firstImage(a)).equals(await firstImage(b))).toBe(true);
  });

  it("flux-schnell with go_fast on (the default): the same seed gives a visibly different image", async () => {
    const flux = () =>
      run({ model: "black-forest-labs/flux-schnell", input: { prompt: "a heron", seed: 42, megapixels: "0.25" } });
    const [a, b] = await Promise.all([flux(), flux()]);
    expect([seedOf(a), seedOf(b)]).toEqual([42, 42]);
    // Visibly, not just in bytes: the average per-pixel difference (0-255) is large.
    const pixels = async (p: Prediction) =>
      sharp(await firstImage(p))
        .removeAlpha()
        .raw()
        .toBuffer();
    const [first, second] = await Promise.all([pixels(a), pixels(b)]);
    let total = 0;
    for (let i = 0; i < first.length; i++) total += Math.abs((first[i] ?? 0) - (second[i] ?? 0));
    expect(total / first.length).toBeGreaterThan(10);
  });
});

describe("sizes", () => {
  it("flux-schnell follows cog-flux's table; megapixels 0.25 halves both sides", () => {
    const table: Record<string, [number, number]> = {
      "1:1": [1024, 1024],
      "16:9": [1344, 768],
      "21:9": [1536, 640],
      "3:2": [1216, 832],
      "2:3": [832, 1216],
      "4:5": [896, 1088],
      "5:4": [1088, 896],
      "3:4": [896, 1152],
      "4:3": [1152, 896],
      "9:16": [768, 1344],
      "9:21": [640, 1536],
    };
    for (const [ratio, [width, height]] of Object.entries(table)) {
      expect(fluxDimensions(ratio, "1")).toEqual({ width, height });
      expect(fluxDimensions(ratio, "0.25")).toEqual({ width: Math.floor(width / 2), height: Math.floor(height / 2) });
    }
  });

  it("renders the table's size", async () => {
    const done = await run({
      model: "black-forest-labs/flux-schnell",
      input: { prompt: "a tall kite", aspect_ratio: "9:21", megapixels: "0.25", output_format: "png" },
    });
    expect(await sharp(await firstImage(done)).metadata()).toMatchObject({ width: 320, height: 768 });
  });

  it("sdxl fails as diffusers does on a size not divisible by 8", async () => {
    const done = await run({ version: SDXL, input: { prompt: "odd", width: 300, height: 256 } });
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/divisible by 8/);
  });
});

describe("models the app does not offer yet", () => {
  const ESRGAN = "f121d640bd286e1fdc67f9799164c1d5be36ff74576ee11c803ae5b665dd46aa";

  it("validates against their own schema: required file inputs, URI format", async () => {
    const post = (input: unknown) =>
      api(emulator, "/v1/predictions", { method: "POST", body: JSON.stringify({ version: ESRGAN, input }) });
    const missing = await post({ scale: 2 });
    expect(missing.status).toBe(422);
    expect(missing.body.invalid_fields).toEqual([{ type: "required", field: "input", description: "image is required" }]);
    const notUri = await post({ image: "not a url", scale: 11 });
    expect(notUri.body.invalid_fields).toEqual([
      { type: "format", field: "input.image", description: "Does not match format 'uri'" },
      { type: "number_lte", field: "input.scale", description: "Must be less than or equal to 10" },
    ]);
  });

  it("answers a single URL where the Output schema is one file", async () => {
    const host = await startImageHost((_req, res) => {
      void solidPng(8, 8).then((png) => res.writeHead(200, { "content-type": "image/png" }).end(png));
    });
    const done = await run({ version: ESRGAN, input: { image: `${host.origin}/cat.png`, scale: 2 } });
    await host.close();
    expect(done.status).toBe("succeeded");
    expect(typeof done.output).toBe("string");
    expect(done.logs).not.toMatch(/Using seed/); // the model takes no seed
  });
});
