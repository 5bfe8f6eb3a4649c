// GET /api/files/:key: serves local-disk outputs (404 in Vercel Blob mode, where URLs point at Blob).
import { Readable } from "node:stream";
import { AppError, toResponse } from "@/lib/errors";
import { storedFileHeaders } from "@/lib/security/file-headers";
import { getLocalDiskStorage } from "@/lib/storage";

export async function GET(request: Request, { params }: { params: Promise<{ key: string[] }> }): Promise<Response> {
  const { key } = await params;
  // Key validation (no traversal, our charset only) happens in the adapter: bad keys are "missing".
  const path = key.join("/");
  const file = await getLocalDiskStorage()?.open(path);
  if (!file) return toResponse(new AppError("not_found", "File not found."));

  // A retried webhook rewrites the same bytes under the same key, so caching forever is safe.
  const etag = `"${file.bytes.toString(16)}-${file.modifiedAt.getTime().toString(16)}"`;
  const headers = new Headers({
    "content-type": file.contentType,
    "cache-control": "public, max-age=31536000, immutable",
    etag,
    ...storedFileHeaders(path),
  });
  if (request.headers.get("if-none-match") === etag) {
    file.body.destroy();
    return new Response(null, { status: 304, headers });
  }
  headers.set("content-length", String(file.bytes));
  return new Response(Readable.toWeb(file.body) as unknown as ReadableStream<Uint8Array>, { headers });
}
