// POST /api/uploads/blob (Vercel Blob mode): signs a browser's direct upload (owner, size, image
// types), and receives Blob's signed completion callback
import { readJsonBody } from "@/lib/http/body";
import { json } from "@/lib/http/json";
import { ownerRoute } from "@/lib/http/owner-route";
import { answerBlobUpload } from "@/lib/uploads/blob-uploads";
import { assertAddressAllowance } from "@/lib/uploads/limits";

export const POST = ownerRoute(async ({ request, owner }) => {
  const body = await readJsonBody(request, 16 * 1024);
  if ((body as { type?: unknown }).type === "blob.generate-client-token") await assertAddressAllowance(request);
  return json(await answerBlobUpload(request, owner.id, body));
});
