// GET /api/admin/generations/:id: one generation in full (inputs, logs tail, prediction id)
import { getAdminGenerationDetail } from "@/lib/admin/list";
import { adminRoute } from "@/lib/http/admin-route";
import { json } from "@/lib/http/json";

export const GET = adminRoute<{ id: string }>(async ({ params }) => json(await getAdminGenerationDetail(params.id)));
