// GET /api/models: per model its form (keys, labels, fields) and `inputSchema`, the JSON Schema
// the server validates that model's input with; never versions. The catalogue is fixed for the
// process's life, so the body and its ETag are built once; a matching If-None-Match gets a 304.
import { createHash } from "node:crypto";
import { modelSpecViews } from "@/lib/replicate/models";
import { ifNoneMatchNames } from "@/shared/etag";

let built: { body: string; etag: string } | undefined;

function catalogueBody() {
  if (!built) {
    const body = JSON.stringify({ models: modelSpecViews() });
    built = { body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
  }
  return built;
}

export function GET(request: Request): Response {
  const { body, etag } = catalogueBody();
  const headers = { etag, "cache-control": "public, max-age=300" };
  if (ifNoneMatchNames(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "content-type": "application/json" } });
}
