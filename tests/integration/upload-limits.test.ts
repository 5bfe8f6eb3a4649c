import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { solidPng, uploadBytes } from "../helpers/test-images";

// Upload limits: per owner per UTC day (count and MB) and per client address per minute. Each
// refusal is a 429 with Retry-After and a message naming the limit. Every attempt (refused ones
// too) counts against the address.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    env: { MAX_UPLOADS_PER_OWNER_DAILY: "2", MAX_UPLOAD_MB_PER_OWNER_DAILY: "1", MAX_UPLOADS_PER_ADDRESS_MINUTE: "6" },
  });
});
afterAll(async () => {
  await app?.close();
});

/** Noise does not compress: about 600 KB as a PNG. */
const noisePng = () =>
  sharp(randomBytes(450 * 450 * 3), { raw: { width: 450, height: 450, channels: 3 } })
    .png()
    .toBuffer();

const expect429 = async (answer: ReturnType<typeof uploadBytes>, limit: RegExp) => {
  const { status, body } = await answer;
  expect(status).toBe(429);
  expect(body.error?.message).toMatch(limit);
};

it("refuses an owner's upload past the daily count, naming the limit", async () => {
  const owner = app.client();
  for (let i = 0; i < 2; i++) expect((await uploadBytes(owner, await solidPng(8, 8))).status).toBe(201);
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(await solidPng(8, 8))], { type: "image/png" }), "third.png");
  const res = await owner.request("/api/uploads", { method: "POST", body: form });
  expect(res.status).toBe(429);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/MAX_UPLOADS_PER_OWNER_DAILY/);
});

it("refuses an owner's upload past the daily megabytes, naming the limit", async () => {
  const owner = app.client();
  expect((await uploadBytes(owner, await noisePng())).status).toBe(201);
  await expect429(uploadBytes(owner, await noisePng()), /MAX_UPLOAD_MB_PER_OWNER_DAILY/);
});

it("refuses an address past its uploads per minute, whatever the owner", async () => {
  // Five attempts so far from this address (refused ones count too): the sixth passes, the seventh not.
  expect((await uploadBytes(app.client(), await solidPng(8, 8))).status).toBe(201);
  const fresh = app.client();
  const { status, body } = await uploadBytes(fresh, await solidPng(8, 8));
  expect(status).toBe(429);
  expect(body.error?.message).toMatch(/MAX_UPLOADS_PER_ADDRESS_MINUTE/);
});
