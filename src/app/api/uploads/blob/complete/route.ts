// POST /api/uploads/blob/complete { url } (Vercel Blob mode): checks a direct upload's bytes and
// takes it as the caller's upload → 201 { id, url, contentType, width, height }
import { z } from "zod";
import { validationError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/body";
import { json } from "@/lib/http/json";
import { ownerRoute } from "@/lib/http/owner-route";
import { completeBlobUpload } from "@/lib/uploads/blob-uploads";

const body = z.strictObject({ url: z.url({ protocol: /^https?$/, error: "Must be the uploaded blob's URL" }).max(2048) });

export const POST = ownerRoute(async ({ request, owner }) => {
  const parsed = body.safeParse(await readJsonBody(request, 4 * 1024));
  if (!parsed.success) throw validationError(parsed.error);
  return json(await completeBlobUpload(owner.id, parsed.data.url), { status: 201 });
});
