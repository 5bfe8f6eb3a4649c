import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Storage } from "@/lib/storage/types";
import { type BlobStandIn, startBlobStandIn } from "../helpers/blob-stand-in";
import { fakePng, type ImageHost, startImageHost } from "../helpers/image-host";

// The real @vercel/blob client (which uses undici, not global fetch) against a local stand-in.
const token = "vercel_blob_rw_teststore_s3cr3t";
let standIn: BlobStandIn;
let host: ImageHost;
let storage: Storage;
let copyOutputToStorage: typeof import("@/lib/storage/copy-output").copyOutputToStorage;
let blob: typeof import("@vercel/blob");

const png = fakePng(1024, 768, 300_000);
const chunksOf = (buffer: Buffer, size: number) =>
  Readable.from(Array.from({ length: Math.ceil(buffer.length / size) }, (_, i) => buffer.subarray(i * size, (i + 1) * size)));

beforeAll(async () => {
  standIn = await startBlobStandIn(token);
  host = await startImageHost((req, res) => {
    res.writeHead(200, { "content-type": "image/png" });
    if (req.url === "/out.png") return res.end(png);
    for (let i = 0; i < 20; i++) res.write(Buffer.alloc(10_000)); // no content-length: caught while streaming
    res.end();
  });
  process.env.BLOB_READ_WRITE_TOKEN = token;
  process.env.VERCEL_BLOB_API_URL = standIn.origin;
  process.env.VERCEL_BLOB_RETRIES = "0";
  vi.resetModules(); // env() caches: make sure this file's env is the one it reads
  storage = (await import("@/lib/storage")).getStorage();
  ({ copyOutputToStorage } = await import("@/lib/storage/copy-output"));
  blob = await import("@vercel/blob");
});

afterAll(async () => {
  delete process.env.BLOB_READ_WRITE_TOKEN;
  delete process.env.VERCEL_BLOB_API_URL;
  await Promise.all([standIn.close(), host.close()]);
});

/** Runs `run` with @vercel/blob retrying up to `retries` times (read on every call), then none again. */
async function withRetries(retries: number, run: () => Promise<void>) {
  process.env.VERCEL_BLOB_RETRIES = String(retries);
  try {
    await run();
  } finally {
    process.env.VERCEL_BLOB_RETRIES = "0";
  }
}

/** A Blob adapter with deadlines short enough to wait out in a test. */
async function impatientStorage() {
  const { VercelBlobStorage } = await import("@/lib/storage/vercel-blob");
  const { StorageTimeoutError } = await import("@/lib/storage/blob-deadline");
  return { impatient: new VercelBlobStorage(token, { put: 300, other: 200 }), StorageTimeoutError };
}

beforeEach(() => {
  standIn.requests.length = 0;
  standIn.pageSize = 1000;
  standIn.stall.clear();
  standIn.unavailable.clear();
  standIn.arrivals.length = 0;
});

describe("vercel-blob storage", () => {
  it("is the mode when BLOB_READ_WRITE_TOKEN is set", () => {
    expect(storage.kind).toBe("vercel-blob");
  });

  it("streams the bytes to PUT /?pathname= with the token and options as headers", async () => {
    const key = "generations/g1/0.png";
    const stored = await storage.put(key, chunksOf(png, 16_384), { contentType: "image/png" });
    expect(stored).toEqual({
      key,
      url: `https://teststore.public.blob.vercel-storage.com/${key}`,
      contentType: "image/png",
      bytes: png.length,
    });
    expect(standIn.blobs.get(key)?.bytes.equals(png)).toBe(true);
    const [request] = standIn.requests;
    expect(request).toMatchObject({ method: "PUT", url: `/?pathname=${encodeURIComponent(key)}` });
    expect(request?.headers).toMatchObject({
      authorization: `Bearer ${token}`,
      "x-api-version": "12",
      "x-content-type": "image/png",
      "x-add-random-suffix": "0",
      "x-allow-overwrite": "1",
      "x-vercel-blob-access": "public",
    });
    expect(request?.headers["transfer-encoding"]).toBe("chunked"); // streamed, not buffered into one body
  });

  it("overwrites an existing key (a retried webhook), where a plain put would be refused", async () => {
    const key = "generations/g1/1.png";
    await storage.put(key, Readable.from([Buffer.from("first")]), { contentType: "image/png" });
    await storage.put(key, Readable.from([Buffer.from("second")]), { contentType: "image/png" });
    expect(standIn.blobs.get(key)?.bytes.toString()).toBe("second");
    await expect(blob.put(key, "third", { access: "public", addRandomSuffix: false, token })).rejects.toThrow(/already exists/);
  });

  it("lists every page under a prefix and deletes", async () => {
    for (let i = 0; i < 5; i++) {
      await storage.put(`generations/g2/${i}.webp`, Readable.from([Buffer.from(`x${i}`)]), {
        contentType: "image/webp",
      });
    }
    standIn.pageSize = 2;
    standIn.requests.length = 0;
    const keys = await storage.list("generations/g2/");
    expect(keys).toEqual([0, 1, 2, 3, 4].map((i) => `generations/g2/${i}.webp`));
    expect(standIn.requests.map((r) => r.method)).toEqual(["GET", "GET", "GET"]);
    await storage.delete(["generations/g2/0.webp", "generations/g2/3.webp"]);
    expect(await storage.list("generations/g2/")).toEqual([
      "generations/g2/1.webp",
      "generations/g2/2.webp",
      "generations/g2/4.webp",
    ]);
    standIn.requests.length = 0;
    await storage.delete([]);
    expect(standIn.requests).toHaveLength(0);
  });

  it("copies a download into Blob with its size and dimensions", async () => {
    const copied = await copyOutputToStorage({
      storage,
      generationId: "g3",
      index: 0,
      sourceUrl: `${host.origin}/out.png`,
      fetchOptions: { allowedHosts: [host.origin], timeoutMs: 5000, maxBytes: 1_000_000 },
    });
    expect(copied).toMatchObject({ key: "generations/g3/0.png", bytes: png.length, width: 1024, height: 768 });
    expect(standIn.blobs.get("generations/g3/0.png")?.bytes.equals(png)).toBe(true);
  });

  it("sweeps a generation's strays: every blob under its prefix but the ones kept", async () => {
    for (const key of ["generations/g5/0.png", "generations/g5/1.png", "generations/g5/2.png", "generations/g6/0.png"]) {
      await storage.put(key, Readable.from([png]), { contentType: "image/png" });
    }
    expect(await storage.sweep("generations/g5/", ["generations/g5/0.png"])).toBe(2);
    expect(await storage.list("generations/g5/")).toEqual(["generations/g5/0.png"]);
    expect(await storage.list("generations/g6/")).toEqual(["generations/g6/0.png"]);
  });

  it("aborts the upload without retrying when the download fails mid-stream", async () => {
    // Retries allowed: prove the failure is not retried.
    await withRetries(3, async () => {
      const error = await copyOutputToStorage({
        storage,
        generationId: "g4",
        index: 0,
        sourceUrl: `${host.origin}/big.png`,
        fetchOptions: { allowedHosts: [host.origin], timeoutMs: 5000, maxBytes: 50_000 },
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "OutputFetchError", reason: "too_large" });
      // At most the one upload attempt reached the store: the client's retries never happen.
      expect(standIn.arrivals.filter((r) => r.method === "PUT" && r.url.includes("g4")).length).toBeLessThanOrEqual(1);
      expect(standIn.blobs.has("generations/g4/0.png")).toBe(false);
    });
  });

  it("gives up a call the store never answers at its deadline, without retrying, and stores nothing", async () => {
    const { impatient, StorageTimeoutError } = await impatientStorage();
    // Retries allowed: a stalled call must not be sent again.
    await withRetries(3, async () => {
      standIn.stall.add("PUT");
      const put = await impatient
        .put("generations/g7/0.png", chunksOf(png, 16_384), { contentType: "image/png" })
        .catch((e) => e);
      expect(put).toBeInstanceOf(StorageTimeoutError);
      expect(put.message).toMatch(/put of generations\/g7\/0\.png did not finish within 300 ms/);
      // One attempt reached the store: its signal is aborted, so the client sends no other.
      expect(standIn.arrivals.filter((r) => r.method === "PUT" && r.url.includes("g7"))).toHaveLength(1);
      expect(standIn.blobs.has("generations/g7/0.png")).toBe(false);

      standIn.stall.add("POST").add("GET");
      await expect(impatient.delete(["generations/g1/0.png"])).rejects.toThrow(/delete of 1 files did not finish within 200 ms/);
      await expect(impatient.list("generations/")).rejects.toBeInstanceOf(StorageTimeoutError);
      expect(standIn.arrivals.filter((r) => r.method === "POST")).toHaveLength(1);
      expect(standIn.arrivals.filter((r) => r.method === "GET")).toHaveLength(1);
      expect(standIn.blobs.has("generations/g1/0.png")).toBe(true);
    });
  });

  it("ends a call at its deadline while the client waits to retry a 503, with the timeout, not the client's error", async () => {
    const { impatient, StorageTimeoutError } = await impatientStorage();
    // Its first pause alone (1-2 s) outlasts the deadline.
    await withRetries(10, async () => {
      standIn.unavailable.add("POST");
      const error = await impatient.delete(["generations/g1/0.png"]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageTimeoutError);
      expect((error as Error).message).toMatch(/delete of 1 files did not finish within 200 ms/);
      expect(standIn.blobs.has("generations/g1/0.png")).toBe(true);
    });
  });
});
