// POST /api/generations/:id/cancel: the owner (or an admin) stops a running generation

import { cancelGeneration } from "@/lib/generations/cancel";
import { json } from "@/lib/http/json";
import { asOwnerOrAdmin } from "@/lib/http/owner-or-admin";
import { ownerRoute } from "@/lib/http/owner-route";
import { isTerminal } from "@/shared/generation-status";

export const POST = ownerRoute<{ id: string }>(async ({ request, params, owner }) => {
  const generation = await asOwnerOrAdmin(
    request,
    () => cancelGeneration(params.id, { kind: "owner", ownerId: owner.id }),
    () => cancelGeneration(params.id, { kind: "admin" }),
  );
  // 202: asked, not confirmed yet (Replicate did not answer); retried until it sticks.
  return json(generation, { status: isTerminal(generation.status) ? 200 : 202 });
});
