// GET /api/generations/:id: one generation from our database (never Replicate), with an ETag
import { createHash } from "node:crypto";
import { isAdmin } from "@/lib/auth/admin-session";
import { AppError } from "@/lib/errors";
import { getGenerationView } from "@/lib/generations/read";
import { ownerRoute } from "@/lib/http/route";

export const GET = ownerRoute<{ id: string }>(async ({ request, params, owner }) => {
  const generation = await getGenerationView(params.id, owner.id).catch(async (error: unknown) => {
    // The owner, or an admin (who sees every generation).
    if (error instanceof AppError && error.code === "not_found" && (await isAdmin(request))) {
      return getGenerationView(params.id, null);
    }
    throw error;
  });
  const body = JSON.stringify(generation);
  // Polls of an unchanged generation cost a 304 and no body.
  const etag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers = { etag, "cache-control": "private, no-cache", vary: "Cookie" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "content-type": "application/json" } });
});
