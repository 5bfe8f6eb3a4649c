// GET /api/generations/:id: one generation from our database (never Replicate), with an ETag
import { createHash } from "node:crypto";
import { getGenerationView } from "@/lib/generations/read";
import { asOwnerOrAdmin } from "@/lib/http/owner-or-admin";
import { ownerRoute } from "@/lib/http/owner-route";

export const GET = ownerRoute<{ id: string }>(async ({ request, params, owner }) => {
  // The owner, or an admin (who sees every generation).
  const generation = await asOwnerOrAdmin(
    request,
    () => getGenerationView(params.id, owner.id),
    () => getGenerationView(params.id, null),
  );
  const body = JSON.stringify(generation);
  // Polls of an unchanged generation cost a 304 and no body.
  const etag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers = { etag, "cache-control": "private, no-cache", vary: "Cookie" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "content-type": "application/json" } });
});
