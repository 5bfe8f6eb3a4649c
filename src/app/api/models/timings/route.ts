// GET /api/models/timings: per offered model, how long its recent successes took here (medians of
// request → completion and request → start), for estimates. Read at most once a minute.
import { modelTimings } from "@/lib/generations/model-timings";
import type { ModelTimingsView } from "@/shared/model-timing";

export async function GET(): Promise<Response> {
  const body: ModelTimingsView = { timings: await modelTimings() };
  return Response.json(body, { headers: { "cache-control": "public, max-age=60" } });
}
