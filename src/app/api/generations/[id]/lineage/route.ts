// GET /api/generations/:id/lineage: the generation it was chained from, and those chained from it
import { getLineage } from "@/lib/generations/lineage";
import { json } from "@/lib/http/json";
import { asOwnerOrAdmin } from "@/lib/http/owner-or-admin";
import { ownerRoute } from "@/lib/http/owner-route";

export const GET = ownerRoute<{ id: string }>(async ({ request, params, owner }) => {
  const lineage = await asOwnerOrAdmin(
    request,
    () => getLineage(params.id, owner.id),
    () => getLineage(params.id, null),
  );
  return json(lineage);
});
