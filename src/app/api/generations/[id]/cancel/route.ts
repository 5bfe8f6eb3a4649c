// POST /api/generations/:id/cancel: the owner (or an admin) stops a running generation
import { cancelGeneration } from "@/lib/generations/cancel";
import { asOwnerOrAdmin, json, ownerRoute } from "@/lib/http/route";

export const POST = ownerRoute<{ id: string }>(async ({ request, params, owner }) => {
  const generation = await asOwnerOrAdmin(
    request,
    () => cancelGeneration(params.id, { kind: "owner", ownerId: owner.id }),
    () => cancelGeneration(params.id, { kind: "admin" }),
  );
  return json(generation);
});
