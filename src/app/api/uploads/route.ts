// POST /api/uploads: an image input (multipart, field `file`) → 201 { id, url, contentType, width, height }

import { json } from "@/lib/http/json";
import { ownerRoute } from "@/lib/http/owner-route";
import { createUpload } from "@/lib/uploads/create-upload";
import { assertAddressAllowance } from "@/lib/uploads/limits";
import { readUploadedFile } from "@/lib/uploads/read-upload";

export const POST = ownerRoute(async ({ request, owner }) => {
  // Counted before the body is read: refused uploads count against the address too.
  await assertAddressAllowance(request);
  const bytes = await readUploadedFile(request);
  const upload = await createUpload({ ownerId: owner.id, bytes });
  return json(upload, { status: 201 });
});
