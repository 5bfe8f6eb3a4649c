import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BlobStandIn, startBlobStandIn } from "../helpers/blob-stand-in";
import { runReconciler } from "../helpers/emulator-control";
import { startTestApp, type TestApp } from "../helpers/test-app";

// Vercel Blob mode's direct uploads: the token route signs uploads under uploads/incoming/ only
// (image types, 10 MB), and completing an upload takes only a file our store lists; one never
// completed is deleted by the reconciler an hour after it landed.

const token = "vercel_blob_rw_teststore_s3cr3t";
const CRON_SECRET = "cron-secret-for-blob-tests";
const HOUR_MS = 3_600_000;
let app: TestApp;
let standIn: BlobStandIn;

beforeAll(async () => {
  standIn = await startBlobStandIn(token);
  // Direct uploads the browser never completed, landed 2 hours and 5 minutes ago, and an upload
  // already taken: only the first is stale.
  const landed = (pathname: string, agoMs: number) =>
    standIn.blobs.set(pathname, {
      pathname,
      contentType: "image/png",
      bytes: Buffer.alloc(8),
      uploadedAt: new Date(Date.now() - agoMs),
    });
  landed("uploads/incoming/left-2h-ago.png", 2 * HOUR_MS);
  landed("uploads/incoming/just-now.png", 5 * 60_000);
  landed("uploads/ownerhash/upl_taken.png", 2 * HOUR_MS);
  app = await startTestApp({ env: { BLOB_READ_WRITE_TOKEN: token, VERCEL_BLOB_API_URL: standIn.origin, CRON_SECRET } });
});
afterAll(async () => {
  await app?.close();
  await standIn?.close();
  delete process.env.VERCEL_BLOB_API_URL;
});

const tokenRequest = (pathname: string) => ({
  type: "blob.generate-client-token",
  payload: { pathname, multipart: false, clientPayload: null },
});

describe("Vercel Blob direct uploads", () => {
  it("signs a client token for an image under uploads/incoming/", async () => {
    const res = await app.client().request("/api/uploads/blob", { json: tokenRequest("uploads/incoming/cat.png") });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { type: string; clientToken: string };
    expect(body.type).toBe("blob.generate-client-token");
    expect(body.clientToken).toMatch(/^vercel_blob_client_teststore_/);
  });

  it("refuses any other pathname, naming it", async () => {
    const res = await app.client().request("/api/uploads/blob", { json: tokenRequest("generations/gen_x/0.png") });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: { path: string }[] } }).error.fields[0]?.path).toBe("pathname");
  });

  it("refuses to complete a URL our store does not list, naming the field", async () => {
    for (const url of [
      "https://example.com/uploads/incoming/cat.png",
      "https://teststore.public.blob.vercel-storage.com/uploads/incoming/none.png",
    ]) {
      const res = await app.client().request("/api/uploads/blob/complete", { json: { url } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { fields: { path: string }[] } }).error.fields[0]?.path).toBe("url");
    }
  });

  it("still checks uploads sent through POST /api/uploads (small files) the same way", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(16)], { type: "image/png" }), "x.png");
    const res = await app.client().request("/api/uploads", { method: "POST", body: form });
    expect(res.status).toBe(400);
  });

  it("deletes a direct upload never completed an hour after it landed, and does not list again on the next tick", async () => {
    const lists = () =>
      standIn.requests.filter(
        (r) => r.method === "GET" && new URL(r.url, "http://x").searchParams.get("prefix") === "uploads/incoming/",
      ).length;
    const before = lists();
    expect((await runReconciler(app, CRON_SECRET)).sweptIncoming).toBe(1);
    expect([...standIn.blobs.keys()].sort()).toEqual(["uploads/incoming/just-now.png", "uploads/ownerhash/upl_taken.png"]);
    const listed = lists();
    expect(listed).toBe(before + 1);
    // Listing Blob is billed: the next tick does not look again.
    await runReconciler(app, CRON_SECRET);
    expect(lists()).toBe(listed);
  });
});
