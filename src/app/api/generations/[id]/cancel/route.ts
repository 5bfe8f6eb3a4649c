// POST /api/generations/:id/cancel: the owner stops their running generation
import { cancelGeneration } from "@/lib/generations/cancel";
import { json, ownerRoute } from "@/lib/http/route";

export const POST = ownerRoute<{ id: string }>(async ({ params, owner }) =>
  json(await cancelGeneration(params.id, { kind: "owner", ownerId: owner.id })),
);
