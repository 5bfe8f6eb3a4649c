// POST /api/generations/:id/cancel: the owner (or an admin) stops a running generation
import { cancelGeneration } from "@/lib/generations/cancel";
import { json } from "@/lib/http/json";
import { asOwnerOrAdmin } from "@/lib/http/owner-or-admin";
import { ownerRoute } from "@/lib/http/owner-route";

export const POST = ownerRoute<{ id: string }>(async ({ request, params, owner }) => {
  const generation = await asOwnerOrAdmin(
    request,
    () => cancelGeneration(params.id, { kind: "owner", ownerId: owner.id }),
    () => cancelGeneration(params.id, { kind: "admin" }),
  );
  return json(generation);
});
