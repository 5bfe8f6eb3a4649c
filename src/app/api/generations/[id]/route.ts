// GET /api/generations/:id: one generation from our database (never Replicate), with an ETag
// PATCH: its owner stars or unstars it · DELETE: its owner deletes it and its stored files
import { validationError } from "@/lib/errors";
import { deleteGeneration, setOwnFavourite } from "@/lib/generations/curate";
import { pollGeneration } from "@/lib/generations/read";
import { readJsonBody } from "@/lib/http/body";
import { json } from "@/lib/http/json";
import { asOwnerOrAdmin } from "@/lib/http/owner-or-admin";
import { ownerRoute } from "@/lib/http/owner-route";
import { MAX_PATCH_BODY_BYTES, patchGenerationBody } from "./schema";

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

export const PATCH = ownerRoute<{ id: string }>(async ({ request, params, owner }) => {
  const parsed = patchGenerationBody.safeParse(await readJsonBody(request, MAX_PATCH_BODY_BYTES));
  if (!parsed.success) throw validationError(parsed.error);
  return json(await setOwnFavourite(params.id, owner.id, parsed.data.favourite));
});

export const DELETE = ownerRoute<{ id: string }>(async ({ params, owner }) => {
  await deleteGeneration(params.id, owner.id);
  return new Response(null, { status: 204 });
});
