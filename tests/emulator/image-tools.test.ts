import type Replicate from "replicate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/server";
import { type ImageHost, startImageHost } from "../helpers/image-host";
import { halfMask, solidPng } from "../helpers/test-images";
import { clientFor, type Prediction, SDXL, startTestEmulator, waitForTerminal } from "./helpers";

// The image tools download their inputs (allow-listed hosts only) and their outputs visibly depend
// on them: img2img and edits are tinted from the input's pixels, inpainting keeps the mask's black
// part, the upscaler multiplies the size, the background remover adds an alpha channel.

const ESRGAN = "nightmareai/real-esrgan:f121d640bd286e1fdc67f9799164c1d5be36ff74576ee11c803ae5b665dd46aa";
const REMOVE_BG = "lucataco/remove-bg:95fcc2a26d3899cd6c2691c900465aaeff466285a65c14638cc5f36f34befaf1";

let emulator: Emulator;
let client: Replicate;
let host: ImageHost;
const files = new Map<string, Buffer>();

beforeAll(async () => {
  emulator = await startTestEmulator();
  client = clientFor(emulator);
  files.set("/red.png", await solidPng(64, 48, { r: 230, g: 20, b: 20 }));
  files.set("/mask.png", await halfMask(64, 48));
  host = await startImageHost((req, res) => {
    const body = files.get(req.url ?? "");
    if (body) res.writeHead(200, { "content-type": "image/png" }).end(body);
    else res.writeHead(404).end();
  });
});
afterAll(async () => {
  await host.close();
  await emulator.close();
});

const output = async (p: Prediction) => {
  const url = Array.isArray(p.output) ? p.output[0] : p.output;
  return Buffer.from(await (await fetch(String(url))).arrayBuffer());
};
const run = async (request: Parameters<Replicate["predictions"]["create"]>[0]) =>
  waitForTerminal(client, (await client.predictions.create(request)).id);
/** Mean of each channel over a region. */
const means = async (png: Buffer, region?: { left: number; top: number; width: number; height: number }) => {
  // stats() reads its input, not the pipeline: cut the region out first.
  const image = region ? await sharp(png).extract(region).png().toBuffer() : png;
  return (await sharp(image).stats()).channels.map((c) => c.mean);
};

describe("image tools", () => {
  it("sdxl img2img: the input's size, coloured by the input", async () => {
    const done = await run({ version: SDXL, input: { prompt: "a boat", image: `${host.origin}/red.png`, seed: 1 } });
    expect(done.status).toBe("succeeded");
    const png = await output(done);
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([64, 48]);
    const [r, g] = await means(png);
    expect(r).toBeGreaterThan((g as number) + 40); // mostly the red input
  });

  it("sdxl inpainting: the mask's black half is kept exactly, the white half repainted", async () => {
    const input = { prompt: "a boat", image: `${host.origin}/red.png`, mask: `${host.origin}/mask.png`, seed: 3 };
    const png = await output(await run({ version: SDXL, input }));
    const kept = await means(png, { left: 40, top: 0, width: 24, height: 48 });
    expect(kept.slice(0, 3).map(Math.round)).toEqual([230, 20, 20]);
    const painted = await means(png, { left: 0, top: 0, width: 24, height: 48 });
    expect(painted.slice(0, 3).map(Math.round)).not.toEqual([230, 20, 20]);
  });

  it("real-esrgan: output dimensions are the input's times the scale", async () => {
    const png = await output(await run({ version: ESRGAN, input: { image: `${host.origin}/red.png`, scale: 2.5 } }));
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([160, 120]);
  });

  it("remove-bg: a PNG of the input's size with an alpha channel and transparent corners", async () => {
    const png = await output(await run({ version: REMOVE_BG, input: { image: `${host.origin}/red.png` } }));
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: "png", width: 64, height: 48, hasAlpha: true });
    const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(data[3]).toBe(0); // top-left pixel is transparent
  });

  it("flux-kontext-pro: edits match the input's size and colour", async () => {
    const created = await client.predictions.create({
      model: "black-forest-labs/flux-kontext-pro",
      input: { prompt: "make it blue", input_image: `${host.origin}/red.png` },
    });
    const png = await output(await waitForTerminal(client, created.id));
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([64, 48]);
  });

  it("fails the prediction, downloading nothing, when an input is on a host that is not allowed", async () => {
    const done = await run({ version: ESRGAN, input: { image: "https://example.com/cat.png", scale: 2 } });
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/host not allowed/);
  });

  it("fails the prediction when the input cannot be downloaded", async () => {
    const done = await run({ version: ESRGAN, input: { image: `${host.origin}/missing.png`, scale: 2 } });
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/404/);
  });
});
