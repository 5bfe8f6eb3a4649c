// GET /api/generations/:id: one generation from our database (never Replicate), with an ETag.
// ?wait=<etag>: a long-poll, answered when the generation changes from that version (held-poll.ts).
// PATCH: its owner stars or unstars it · DELETE: its owner deletes it and its stored files
import { validationError } from "@/lib/errors";
import { deleteGeneration, setOwnFavourite } from "@/lib/generations/curate";
import { pollGenerationHeld } from "@/lib/generations/held-poll";
import { pollGeneration } from "@/lib/generations/read";
import { parseJsonBody } from "@/lib/http/body";
import { json } from "@/lib/http/json";
import { asOwnerOrAdmin } from "@/lib/http/owner-or-admin";
import { ownerRoute } from "@/lib/http/owner-route";
import { pollQuery } from "../schema";
import { MAX_PATCH_BODY_BYTES, patchGenerationBody } from "./schema";

export const GET = ownerRoute<{ id: string }>(async ({ request, params, owner }) => {
  const parsed = pollQuery.safeParse({ wait: new URL(request.url).searchParams.get("wait") ?? undefined });
  if (!parsed.success) throw validationError(parsed.error);
  const { wait } = parsed.data;
  const ifNoneMatch = request.headers.get("if-none-match");
  const poll = (ownerId: string | null) =>
    wait ? pollGenerationHeld(params.id, ownerId, wait, request.signal) : pollGeneration(params.id, ownerId, ifNoneMatch);
  // The owner, or an admin (who sees every generation).
  const { etag, body, ...rest } = await asOwnerOrAdmin(
    request,
    () => poll(owner.id),
    () => poll(null),
  );
  const headers: Record<string, string> = { etag, "cache-control": "private, no-cache", vary: "Cookie" };
  // Tells the page whether to ask again at once (held) or after its backoff (not held: Neon).
  if (wait) headers["x-poll-held"] = "held" in rest && rest.held ? "1" : "0";
  // Polls of an unchanged generation cost one indexed read, a 304 and no body.
  if (body === null) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "content-type": "application/json" } });
});

export const PATCH = ownerRoute<{ id: string }>(async ({ request, params, owner }) => {
  const { favourite } = await parseJsonBody(request, MAX_PATCH_BODY_BYTES, patchGenerationBody);
  return json(await setOwnFavourite(params.id, owner.id, favourite));
});

export const DELETE = ownerRoute<{ id: string }>(async ({ params, owner }) => {
  await deleteGeneration(params.id, owner.id);
  return new Response(null, { status: 204 });
});
