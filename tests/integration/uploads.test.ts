import { readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countGenerations, dbRows } from "../helpers/db-inspect";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { bombPng, rotatedJpeg, solidPng, uploadBytes } from "../helpers/test-images";

// POST /api/uploads: every bad upload is a 400 naming the field `file`, stores nothing and sends
// nothing to Replicate; a good one is re-encoded (EXIF orientation applied, metadata stripped).

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const storedUploads = (): string[] => {
  try {
    return readdirSync(path.join(app.dataDir, "files", "uploads"), { recursive: true }).map(String);
  } catch {
    return [];
  }
};
const uploadRows = async () => (await dbRows<{ n: number }>(sql`select count(*)::int as n from uploads`))[0]?.n ?? 0;

describe("bad uploads", () => {
  it.each([
    ["a text file renamed .png", () => Buffer.from("hello, I am not an image\n".repeat(20)), "cat.png"],
    ["a 20 MB image", async () => Buffer.concat([await solidPng(8, 8), Buffer.alloc(20 * 1024 * 1024, 1)]), "big.png"],
    ["a 10,000 px image", () => solidPng(10_000, 8), "wide.png"],
    ["a decompression bomb", async () => bombPng(), "bomb.png"],
    [
      "a GIF",
      () =>
        sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } })
          .gif()
          .toBuffer(),
      "a.gif",
    ],
    ["a truncated PNG", async () => (await solidPng(300, 300)).subarray(0, 200), "cut.png"],
    ["an empty file", async () => Buffer.alloc(0), "empty.png"],
  ])("refuses %s with a 400 naming the field", async (_label, make, name) => {
    const { status, body } = await uploadBytes(app.client(), await make(), name);
    expect(status).toBe(400);
    expect(body.error?.fields?.map((f) => f.path)).toEqual(["file"]);
    expect(body.error?.message.length).toBeGreaterThan(10);
  });

  it("refuses a form without the file field", async () => {
    const form = new FormData();
    form.append("image", "not a file");
    const res = await app.client().request("/api/uploads", { method: "POST", body: form });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: { path: string }[] } }).error.fields[0]?.path).toBe("file");
  });

  it("stored nothing, recorded nothing and sent nothing to Replicate", async () => {
    expect(storedUploads()).toEqual([]);
    expect(await uploadRows()).toBe(0);
    expect(await countGenerations()).toBe(0);
    expect((await app.emulatorRequests()).filter((r) => r.method === "POST")).toEqual([]);
  });
});

describe("a good upload", () => {
  it("answers 201 with its URL and size, and serves it from our storage", async () => {
    const client = app.client();
    const { status, body } = await uploadBytes(client, await solidPng(64, 48), "red.png");
    expect(status).toBe(201);
    expect(body).toMatchObject({ contentType: "image/png", width: 64, height: 48 });
    expect(body.id).toMatch(/^upl_/);
    expect(body.url).toMatch(/^\/api\/files\/uploads\/[\w-]+\/upl_[\w-]+\.png$/);
    const served = await fetch(new URL(body.url as string, app.url));
    expect(served.status).toBe(200);
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(64);
  });

  it("applies EXIF orientation and strips the metadata", async () => {
    const { status, body } = await uploadBytes(app.client(), await rotatedJpeg(), "photo.jpg", "image/jpeg");
    expect(status).toBe(201);
    expect(body).toMatchObject({ contentType: "image/jpeg", width: 20, height: 40 });
    const stored = Buffer.from(await (await fetch(new URL(body.url as string, app.url))).arrayBuffer());
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height]).toEqual([20, 40]);
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(stored.includes(Buffer.from("home address"))).toBe(false);
  });
});
