// GET /api/groups/:id: a group of generations (variations or compare), its owner only
import { getGroupView } from "@/lib/generations/read-group";
import { json } from "@/lib/http/json";
import { ownerRoute } from "@/lib/http/owner-route";

export const GET = ownerRoute<{ id: string }>(async ({ params, owner }) => {
  return json(await getGroupView(params.id, owner.id), { headers: { "cache-control": "private, no-cache" } });
});
