// POST /api/admin/generations/cancel: cancel { ids } or { allRunning: true }, with a result per id
import { cancelAllRunning, cancelGenerationsAsAdmin } from "@/lib/admin/bulk-cancel";
import { validationError } from "@/lib/errors";
import { adminRoute } from "@/lib/http/admin-route";
import { readJsonBody } from "@/lib/http/body";
import { json } from "@/lib/http/json";
import { cancelAdminGenerationsBody, MAX_ADMIN_BODY_BYTES } from "../../schema";

export const POST = adminRoute(async ({ request }) => {
  const parsed = cancelAdminGenerationsBody.safeParse(await readJsonBody(request, MAX_ADMIN_BODY_BYTES));
  if (!parsed.success) throw validationError(parsed.error);
  const { ids } = parsed.data;
  const results = ids ? await cancelGenerationsAsAdmin(ids) : await cancelAllRunning();
  return json({ results });
});
