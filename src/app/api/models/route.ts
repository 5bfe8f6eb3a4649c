// GET /api/models: per model its form (keys, labels, fields) and `inputSchema`, the JSON Schema
// the server validates that model's input with; never versions.
import { modelSpecViews } from "@/lib/replicate/models";

export function GET(): Response {
  return Response.json({ models: modelSpecViews() }, { headers: { "cache-control": "public, max-age=300" } });
}
