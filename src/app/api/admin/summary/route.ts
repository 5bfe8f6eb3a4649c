// GET /api/admin/summary: running now, today's generations, predict seconds and cost per model
import { adminSummary } from "@/lib/admin/summary";
import { adminRoute } from "@/lib/http/admin-route";
import { json } from "@/lib/http/json";

export const GET = adminRoute(async () => json(await adminSummary()));
