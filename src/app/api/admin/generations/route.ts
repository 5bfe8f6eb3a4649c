// GET /api/admin/generations: every owner's generations, newest first, filtered and paginated
import { listAdminGenerations } from "@/lib/admin/list";
import { validationError } from "@/lib/errors";
import { adminRoute } from "@/lib/http/admin-route";
import { json } from "@/lib/http/json";
import { listAdminGenerationsQuery } from "../schema";

export const GET = adminRoute(async ({ request }) => {
  const parsed = listAdminGenerationsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  const { cursor, limit, ...filters } = parsed.data;
  return json(await listAdminGenerations(filters, cursor ?? null, limit));
});
