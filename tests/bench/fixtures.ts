import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { Emulator } from "../../src/emulator/server";
import { resolveOwner } from "../../src/lib/auth/owner";
import type { OutputVariant } from "../../src/lib/db/schema";
import { findModel } from "../../src/lib/replicate/models";
import { VARIANT_WIDTHS } from "../../src/lib/storage/variants";
import type { SqlRunner } from "../helpers/seed-generations";

// What the benchmark's requests need beyond bulk rows: owners it holds cookies for, a home
// page's worth of large stored images, and a finished prediction whose output the emulator
// serves (the body of every "fresh completed" webhook).

export type BenchOwner = { id: string; cookie: string };

/** A new visitor's owner id and cookie, minted by the app's own code with the bench's SESSION_SECRET. */
export async function mintOwner(): Promise<BenchOwner> {
  const owner = await resolveOwner(new Request("http://127.0.0.1/"));
  const cookie = owner.setCookie?.split(";")[0];
  if (!cookie) throw new Error("resolveOwner minted no cookie");
  return { id: owner.id, cookie };
}

export async function generationsOf(db: SqlRunner, ownerId: string) {
  return db.rows<{ id: string; prediction_id: string }>(
    "select id, prediction_id from generations where owner_id = $1 order by created_at desc",
    [ownerId],
  );
}

/**
 * Stores a ~1.5 MB 1024×1024 PNG under each generation's output key (as a webhook would have),
 * with the sized WebP copies the app makes when it stores an output (the same widths and
 * encoding: src/lib/storage/variants.ts): the originals a gallery of real SDXL outputs would
 * show. Answers the original's size and each generation's copies, for its output row.
 */
export async function writeLargeOutputs(
  dataDir: string,
  generationIds: string[],
): Promise<{ originalBytes: number; variantsOf: (id: string) => OutputVariant[] }> {
  const side = 1024;
  const pixels = Buffer.alloc(side * side * 3, 90);
  // Noise in the top half (incompressible, like a photo's detail), flat below.
  for (let i = 0; i < pixels.length / 2; i++) pixels[i] = Math.floor(Math.random() * 256);
  const png = await sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  const copies: { width: number; height: number; data: Buffer }[] = [];
  for (const width of VARIANT_WIDTHS) {
    const { data, info } = await sharp(png)
      .resize({ width })
      .webp({ quality: 72, effort: 2 })
      .toBuffer({ resolveWithObject: true });
    copies.push({ width: info.width, height: info.height, data });
  }
  for (const id of generationIds) {
    const dir = path.join(dataDir, "files", "generations", id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "0.png"), png);
    for (const copy of copies) writeFileSync(path.join(dir, `0-w${copy.width}.webp`), copy.data);
  }
  const variantsOf = (id: string) =>
    copies.map(({ width, height, data }) => {
      const key = `generations/${id}/0-w${width}.webp`;
      return { width, height, key, url: `/api/files/${key}`, bytes: data.length };
    });
  return { originalBytes: png.length, variantsOf };
}

/** A prediction run to completion on the emulator: a real body with a real output URL. */
export async function finishedPrediction(emulator: Emulator): Promise<Record<string, unknown>> {
  const model = findModel("sdxl-lightning");
  if (model?.target.kind !== "version") throw new Error("sdxl-lightning is not pinned by version");
  const headers = { authorization: "Bearer bench", "content-type": "application/json" };
  const created = await fetch(`${emulator.url}/v1/predictions`, {
    method: "POST",
    headers,
    body: JSON.stringify({ version: model.target.version, input: { prompt: "a lighthouse at dawn, bench output" } }),
  });
  const { id } = (await created.json()) as { id: string };
  for (let i = 0; i < 600; i++) {
    const res = await fetch(`${emulator.url}/v1/predictions/${id}`, { headers });
    const prediction = (await res.json()) as Record<string, unknown>;
    if (prediction.status === "succeeded") return prediction;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the emulator's prediction did not finish");
}
