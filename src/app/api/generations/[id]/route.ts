// GET /api/generations/:id: one generation from our database (never Replicate), with an ETag
import { createHash } from "node:crypto";
import { getGenerationView } from "@/lib/generations/read";
import { ownerRoute } from "@/lib/http/route";

export const GET = ownerRoute<{ id: string }>(async ({ request, params, owner }) => {
  const body = JSON.stringify(await getGenerationView(params.id, owner.id));
  // Polls of an unchanged generation cost a 304 and no body.
  const etag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers = { etag, "cache-control": "private, no-cache", vary: "Cookie" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "content-type": "application/json" } });
});
