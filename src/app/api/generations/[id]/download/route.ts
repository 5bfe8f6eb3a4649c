// GET /api/generations/:id/download: every output of the owner's generation in one zip, with meaningful names
import { outputsZip } from "@/lib/generations/download-zip";
import { ownerRoute } from "@/lib/http/owner-route";
import { zipResponse } from "@/lib/http/zip-response";

export const GET = ownerRoute<{ id: string }>(async ({ params, owner }) => zipResponse(await outputsZip(params.id, owner.id)));
