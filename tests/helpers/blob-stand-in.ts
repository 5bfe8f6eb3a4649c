import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for the Vercel Blob HTTP API, so tests run the real @vercel/blob client
// (point it here with VERCEL_BLOB_API_URL). Implements what the client sends in 2.8:
// PUT /?pathname=… (body = bytes), GET /?prefix&cursor&limit (list), POST /delete {urls}.

export type StoredBlob = { pathname: string; contentType: string; bytes: Buffer; uploadedAt: Date };
export type SeenRequest = {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bodyBytes: number;
  chunks: number;
};

export type BlobStandIn = {
  origin: string;
  blobs: Map<string, StoredBlob>;
  requests: SeenRequest[];
  /** Every request as it arrives, before its body is read (an aborted upload is listed too). */
  arrivals: { method: string; url: string }[];
  /** Largest page list() answers, to exercise the client's cursor loop. */
  pageSize: number;
  /** Methods ("PUT", "GET", "POST") whose requests are read and never answered: a store that hangs. */
  stall: Set<string>;
  /** Methods answered 503 service_unavailable, which the client retries after a pause. */
  unavailable: Set<string>;
  close: () => Promise<void>;
};

export async function startBlobStandIn(token: string): Promise<BlobStandIn> {
  const storeId = token.split("_")[3] ?? "";
  const blobs = new Map<string, StoredBlob>();
  const requests: SeenRequest[] = [];
  const arrivals: { method: string; url: string }[] = [];
  const publicUrl = (pathname: string) => `https://${storeId}.public.blob.vercel-storage.com/${pathname}`;
  const json = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  const describe = (blob: StoredBlob) => ({
    url: publicUrl(blob.pathname),
    downloadUrl: `${publicUrl(blob.pathname)}?download=1`,
    pathname: blob.pathname,
    size: blob.bytes.length,
    uploadedAt: blob.uploadedAt.toISOString(),
    etag: `"${blob.bytes.length}-${blob.uploadedAt.getTime()}"`,
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    arrivals.push({ method: req.method ?? "", url: req.url ?? "" });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    requests.push({
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      bodyBytes: body.length,
      chunks: chunks.length,
    });
    if (standIn.stall.has(req.method ?? "")) return; // no answer, nothing stored
    if (standIn.unavailable.has(req.method ?? "")) {
      return json(res, 503, { error: { code: "service_unavailable", message: "Service unavailable" } });
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      return json(res, 403, { error: { code: "forbidden", message: "Access denied" } });
    }
    const url = new URL(req.url ?? "/", "http://stand-in");
    if (req.method === "PUT" && url.pathname === "/") {
      const pathname = url.searchParams.get("pathname") ?? "";
      if (blobs.has(pathname) && req.headers["x-allow-overwrite"] !== "1") {
        return json(res, 400, { error: { code: "bad_request", message: "This blob already exists" } });
      }
      const blob = {
        pathname,
        contentType: String(req.headers["x-content-type"]),
        bytes: body,
        uploadedAt: new Date(),
      };
      blobs.set(pathname, blob);
      const { size: _size, uploadedAt: _at, ...answer } = describe(blob);
      return json(res, 200, {
        ...answer,
        contentType: blob.contentType,
        contentDisposition: `inline; filename="${pathname.split("/").pop()}"`,
      });
    }
    if (req.method === "GET" && url.pathname === "/") {
      const prefix = url.searchParams.get("prefix") ?? "";
      const limit = Math.min(Number(url.searchParams.get("limit") ?? 1000), standIn.pageSize);
      const start = Number(url.searchParams.get("cursor") ?? 0);
      const matching = [...blobs.keys()].filter((p) => p.startsWith(prefix)).sort();
      const page = matching.slice(start, start + limit);
      const hasMore = start + limit < matching.length;
      return json(res, 200, {
        blobs: page.map((p) => describe(blobs.get(p) as StoredBlob)),
        hasMore,
        ...(hasMore ? { cursor: String(start + limit) } : {}),
      });
    }
    if (req.method === "POST" && url.pathname === "/delete") {
      const { urls } = JSON.parse(body.toString()) as { urls: string[] };
      for (const u of urls) blobs.delete(u.startsWith("https://") ? new URL(u).pathname.slice(1) : u);
      return json(res, 200, {});
    }
    return json(res, 404, { error: { code: "not_found", message: "Not found" } });
  };

  const server = createServer((req, res) => {
    // An aborted upload (source failed mid-stream) must store nothing; just drop it.
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const standIn: BlobStandIn = {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    blobs,
    requests,
    arrivals,
    pageSize: 1000,
    stall: new Set(),
    unavailable: new Set(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return standIn;
}
