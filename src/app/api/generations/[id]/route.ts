// GET /api/generations/:id: one generation from our database (never Replicate), with an ETag
import { pollGeneration } from "@/lib/generations/read";
import { asOwnerOrAdmin } from "@/lib/http/owner-or-admin";
import { ownerRoute } from "@/lib/http/owner-route";

export const GET = ownerRoute<{ id: string }>(async ({ request, params, owner }) => {
  const ifNoneMatch = request.headers.get("if-none-match");
  // The owner, or an admin (who sees every generation).
  const { etag, body } = await asOwnerOrAdmin(
    request,
    () => pollGeneration(params.id, owner.id, ifNoneMatch),
    () => pollGeneration(params.id, null, ifNoneMatch),
  );
  const headers = { etag, "cache-control": "private, no-cache", vary: "Cookie" };
  // Polls of an unchanged generation cost one indexed read, a 304 and no body.
  if (body === null) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "content-type": "application/json" } });
});
