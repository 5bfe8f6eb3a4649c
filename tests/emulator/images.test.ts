import type Replicate from "replicate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/server";
import { clientFor, eventually, LIGHTNING, SDXL, startTestEmulator, waitForTerminal } from "./helpers";

let emulator: Emulator;
let client: Replicate;

beforeAll(async () => {
  emulator = await startTestEmulator();
  client = clientFor(emulator);
});
afterAll(() => emulator.close());

async function outputsOf(request: Parameters<Replicate["predictions"]["create"]>[0]) {
  const created = await client.predictions.create(request);
  const done = await waitForTerminal(client, created.id);
  expect(done.status).toBe("succeeded");
  return done.output ?? [];
}

async function download(url: string) {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(Number(response.headers.get("content-length"))).toBe(bytes.length);
  return { bytes, type: response.headers.get("content-type"), meta: await sharp(bytes).metadata() };
}

describe("generated images", () => {
  it("renders sdxl outputs as PNG at the requested size, one per num_outputs", async () => {
    const urls = await outputsOf({
      version: SDXL,
      input: { prompt: "a lighthouse", width: 768, height: 512, num_outputs: 2, seed: 7 },
    });
    expect(urls).toHaveLength(2);
    const [first, second] = await Promise.all(urls.map(download));
    expect(first?.type).toBe("image/png");
    expect(first?.meta).toMatchObject({ format: "png", width: 768, height: 512 });
    expect(first?.bytes.equals(second?.bytes ?? Buffer.alloc(0))).toBe(false);
  });

  it("renders flux in the asked format and aspect ratio", async () => {
    const cases = [
      {
        output_format: "webp",
        aspect_ratio: "1:1",
        megapixels: "1",
        format: "webp",
        type: "image/webp",
        w: 1024,
        h: 1024,
      },
      {
        output_format: "jpg",
        aspect_ratio: "16:9",
        megapixels: "1",
        format: "jpeg",
        type: "image/jpeg",
        w: 1344,
        h: 768,
      },
      {
        output_format: "png",
        aspect_ratio: "2:3",
        megapixels: "0.25",
        format: "png",
        type: "image/png",
        w: 416,
        h: 608,
      },
    ];
    await Promise.all(
      cases.map(async ({ format, type, w, h, ...input }) => {
        const [url] = await outputsOf({
          model: "black-forest-labs/flux-schnell",
          input: { prompt: "a kite", output_quality: 50, ...input },
        });
        expect(url?.endsWith(`.${input.output_format}`)).toBe(true);
        const image = await download(url ?? "");
        expect(image.type).toBe(type);
        expect(image.meta).toMatchObject({ format, width: w, height: h });
      }),
    );
  });

  it("is deterministic per prompt + seed, and differs by seed and prompt", async () => {
    const render = async (prompt: string, seed: number) => {
      const [url] = await outputsOf({
        version: LIGHTNING,
        input: { prompt, seed, width: 256, height: 256 },
      });
      return (await download(url ?? "")).bytes;
    };
    const [a, again, otherSeed, otherPrompt] = await Promise.all([
      render("a tree", 1),
      render("a tree", 1),
      render("a tree", 2),
      render("a bush", 1),
    ]);
    expect(a.equals(again)).toBe(true);
    expect(a.equals(otherSeed)).toBe(false);
    expect(a.equals(otherPrompt)).toBe(false);
    // Visibly different, not just different bytes: compare average colours.
    const mean = async (bytes: Buffer) => (await sharp(bytes).stats()).channels.map((c) => c.mean);
    const [m1, m2] = await Promise.all([mean(a), mean(otherSeed)]);
    const distance = m1.reduce((sum, v, i) => sum + Math.abs(v - (m2[i] ?? 0)), 0);
    expect(distance).toBeGreaterThan(5);
  });

  it("fails like a real GPU when sdxl is asked for a huge image", async () => {
    const created = await client.predictions.create({
      version: SDXL,
      input: { prompt: "too big", width: 4096, height: 4096 },
    });
    const done = await waitForTerminal(client, created.id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/CUDA out of memory/);
  });
});

describe("file expiry", () => {
  it("serves files until fileTtlSeconds, then 404, and marks prediction data removed", async () => {
    const short = await startTestEmulator({ fileTtlSeconds: 0.4 });
    try {
      const sdk = clientFor(short);
      const created = await sdk.predictions.create({
        version: LIGHTNING,
        input: { prompt: "ephemeral", width: 256, height: 256 },
      });
      const done = await waitForTerminal(sdk, created.id);
      const url = done.output?.[0] ?? "";
      expect((await fetch(url)).status).toBe(200);
      await eventually(async () => (await fetch(url)).status === 404);
      // Files expire from when they were written; the prediction's data from its completion.
      const removed = await eventually(async () => {
        const p = await sdk.predictions.get(created.id);
        return p.data_removed && p;
      });
      expect(removed).toMatchObject({ data_removed: true, output: null, status: "succeeded" });
    } finally {
      await short.close();
    }
  });

  it("answers 404 for files that never existed", async () => {
    expect((await fetch(`${emulator.url}/files/abc/out-0.png`)).status).toBe(404);
  });
});
