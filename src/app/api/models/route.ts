// GET /api/models: the catalogue's form specs (keys, labels, inputs; never versions)
import { modelFormSpecs } from "@/lib/replicate/models";

export function GET(): Response {
  return Response.json({ models: modelFormSpecs() }, { headers: { "cache-control": "public, max-age=300" } });
}
