// POST /api/uploads/blob/complete { url } (Vercel Blob mode): checks a direct upload's bytes and
// takes it as the caller's upload → 201 { id, url, contentType, width, height }
import { z } from "zod";
import { parseJsonBody } from "@/lib/http/body";
import { json } from "@/lib/http/json";
import { ownerRoute } from "@/lib/http/owner-route";
import { completeBlobUpload } from "@/lib/uploads/blob-uploads";

const body = z.strictObject({ url: z.url({ protocol: /^https?$/, error: "Must be the uploaded blob's URL" }).max(2048) });

export const POST = ownerRoute(async ({ request, owner }) => {
  const { url } = await parseJsonBody(request, 4 * 1024, body);
  return json(await completeBlobUpload(owner.id, url), { status: 201 });
});
