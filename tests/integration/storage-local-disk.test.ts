import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutputFetchError } from "@/lib/storage/fetch-output";
import { fakePng, type ImageHost, startImageHost } from "../helpers/image-host";

let dataDir: string;
let host: ImageHost;
let storageModule: typeof import("@/lib/storage");
let route: typeof import("@/app/api/files/[...key]/route");
let copyOutputToStorage: typeof import("@/lib/storage/copy-output").copyOutputToStorage;

const png = fakePng(640, 480, 200_000);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "storage-local-"));
  // env() caches on first call: set the mode before anything imports it.
  process.env.DATA_DIR = dataDir;
  delete process.env.BLOB_READ_WRITE_TOKEN;
  storageModule = await import("@/lib/storage");
  route = await import("@/app/api/files/[...key]/route");
  ({ copyOutputToStorage } = await import("@/lib/storage/copy-output"));
  host = await startImageHost((req, res) => {
    if (req.url === "/out.png") res.writeHead(200, { "content-type": "image/png" }).end(png);
    else if (req.url === "/garbage.png") res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(500, 7));
    else res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(50_000));
  });
});

afterAll(async () => {
  await host.close();
  await rm(dataDir, { recursive: true, force: true });
});

const storage = () => storageModule.getStorage();
const get = (key: string[], headers: HeadersInit = {}) =>
  route.GET(new Request(`http://app.test/api/files/${key.join("/")}`, { headers }), {
    params: Promise.resolve({ key }),
  });
const failingStream = (after: Buffer) =>
  new Readable({
    read() {
      this.push(after);
      this.destroy(new Error("source died"));
    },
  });

describe("local-disk storage", () => {
  it("is the mode when no Blob token is set", () => {
    expect(storage().kind).toBe("local-disk");
    expect(storageModule.getLocalDiskStorage()).toBe(storage());
  });

  it("streams to DATA_DIR/files/<key> and overwrites atomically", async () => {
    const key = "generations/g1/0.png";
    const first = await storage().put(key, Readable.from([Buffer.from("first")]), { contentType: "image/png" });
    expect(first).toEqual({ key, url: `/api/files/${key}`, contentType: "image/png", bytes: 5 });
    await storage().put(key, Readable.from([png.subarray(0, 1000), png.subarray(1000)]), { contentType: "image/png" });
    expect((await readFile(join(dataDir, "files", key))).equals(png)).toBe(true);
    await expect(storage().put(key, failingStream(Buffer.from("half")), { contentType: "image/png" })).rejects.toThrow(
      "source died",
    );
    // The failed write left neither a half file under the key nor a temp file beside it.
    expect((await readFile(join(dataDir, "files", key))).equals(png)).toBe(true);
    expect(await readdir(join(dataDir, "files", "generations/g1"))).toEqual(["0.png"]);
  });

  it("writes a file of many network chunks byte for byte, in batches", async () => {
    const key = "generations/g-large/0.png";
    const data = randomBytes(1024 * 1024 + 17);
    const chunks = Array.from({ length: Math.ceil(data.length / 16_384) }, (_, i) => data.subarray(i * 16_384, (i + 1) * 16_384));
    const stored = await storage().put(key, Readable.from(chunks), { contentType: "image/png" });
    expect(stored.bytes).toBe(data.length);
    expect((await readFile(join(dataDir, "files", key))).equals(data)).toBe(true);
    expect(await readdir(join(dataDir, "files", "generations/g-large"))).toEqual(["0.png"]);
  });

  it("refuses keys that could escape the files directory", async () => {
    for (const key of ["../escape.png", "/abs.png", "a/../../b.png", "a b.png"]) {
      await expect(storage().put(key, Readable.from(["x"]), { contentType: "image/png" })).rejects.toThrow(/Invalid storage key/);
    }
  });

  it("lists by prefix and deletes", async () => {
    for (const key of ["generations/g2/0.png", "generations/g2/1.webp", "generations/g22/0.png"]) {
      await storage().put(key, Readable.from(["x"]), { contentType: "image/png" });
    }
    expect(await storage().list("generations/g2/")).toEqual(["generations/g2/0.png", "generations/g2/1.webp"]);
    expect(await storage().list("generations/g2")).toEqual([
      "generations/g2/0.png",
      "generations/g2/1.webp",
      "generations/g22/0.png",
    ]);
    expect(await storage().list("nothing/here/")).toEqual([]);
    await storage().delete(["generations/g2/0.png", "generations/g2/missing.png", "../nope"]);
    expect(await storage().list("generations/g2/")).toEqual(["generations/g2/1.webp"]);
  });
});

describe("GET /api/files/:key", () => {
  it("serves the bytes with cache, type and validator headers", async () => {
    const response = await get(["generations", "g1", "0.png"]);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-length")).toBe(String(png.length));
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    // Shown inline under a name from the key, in a sandbox (no script even when opened directly).
    expect(response.headers.get("content-disposition")).toBe('inline; filename="g1-0.png"');
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'",
    );
    const etag = response.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    const again = await get(["generations", "g1", "0.png"], { "if-none-match": etag ?? "" });
    expect(again.status).toBe(304);
  });

  it.each([
    [["generations", "g1", "9.png"]],
    [["..", "..", "etc", "passwd"]],
    [["generations", "..", "..", "secret.png"]],
    [["generations/../../secret.png"]],
    [["%2e%2e", "secret.png"]],
    [["generations", "g1"]],
  ])("answers 404 JSON for %j", async (key) => {
    await writeFile(join(dataDir, "secret.png"), "secret");
    const response = await get(key);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
  });

  it("does not serve temp files of writes in progress", async () => {
    await writeFile(join(dataDir, "files", "generations", "g1", ".0.png.tmp"), "partial");
    expect((await get(["generations", "g1", ".0.png.tmp"])).status).toBe(404);
  });
});

describe("copyOutputToStorage", () => {
  const fetchOptions = () => ({ allowedHosts: [host.origin], timeoutMs: 2000, maxBytes: 300_000 });

  it("copies a download under the generation's key and reads its dimensions", async () => {
    const copied = await copyOutputToStorage({
      storage: storage(),
      generationId: "g3",
      index: 1,
      sourceUrl: `${host.origin}/out.png`,
      fetchOptions: fetchOptions(),
    });
    expect(copied).toEqual({
      key: "generations/g3/1.png",
      url: "/api/files/generations/g3/1.png",
      contentType: "image/png",
      bytes: png.length,
      width: 640,
      height: 480,
    });
    expect((await readFile(join(dataDir, "files", copied.key))).equals(png)).toBe(true);
  });

  it("stores an image whose size cannot be read, with null dimensions", async () => {
    const copied = await copyOutputToStorage({
      storage: storage(),
      generationId: "g3",
      index: 2,
      sourceUrl: `${host.origin}/garbage.png`,
      fetchOptions: fetchOptions(),
    });
    expect(copied).toMatchObject({ bytes: 500, width: null, height: null });
  });

  it("fails with the download's reason and stores nothing when the body is too large", async () => {
    const error = await copyOutputToStorage({
      storage: storage(),
      generationId: "g4",
      index: 0,
      sourceUrl: `${host.origin}/big.png`,
      fetchOptions: { ...fetchOptions(), maxBytes: 10_000 },
    }).catch((e: OutputFetchError) => e);
    expect(error).toMatchObject({ name: "OutputFetchError", reason: "too_large" });
    expect(await storage().list("generations/g4/")).toEqual([]);
  });
});
