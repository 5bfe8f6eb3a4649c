// POST /api/admin/generations/cancel: cancel { ids } or { allRunning: true }, with a result per id
import { cancelAllRunning, cancelGenerationsAsAdmin } from "@/lib/admin/bulk-cancel";
import { adminRoute } from "@/lib/http/admin-route";
import { parseJsonBody } from "@/lib/http/body";
import { json } from "@/lib/http/json";
import { cancelAdminGenerationsBody, MAX_ADMIN_BODY_BYTES } from "../../schema";

export const POST = adminRoute(async ({ request }) => {
  const { ids } = await parseJsonBody(request, MAX_ADMIN_BODY_BYTES, cancelAdminGenerationsBody);
  const results = ids ? await cancelGenerationsAsAdmin(ids) : await cancelAllRunning();
  return json({ results });
});
