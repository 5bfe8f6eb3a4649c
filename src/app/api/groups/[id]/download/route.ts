// GET /api/groups/:id/download: every image of the owner's group (variations or a comparison) in one zip
import { groupOutputsZip } from "@/lib/generations/download-zip";
import { ownerRoute } from "@/lib/http/owner-route";
import { zipResponse } from "@/lib/http/zip-response";

export const GET = ownerRoute<{ id: string }>(async ({ params, owner }) =>
  zipResponse(await groupOutputsZip(params.id, owner.id)),
);
