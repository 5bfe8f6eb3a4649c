// POST /api/generations: start a generation · GET /api/generations: the caller's, newest first
import { validationError } from "@/lib/errors";
import { createGeneration } from "@/lib/generations/create";
import { getGenerationView, listOwnerGenerationViews } from "@/lib/generations/read";
import { parseJsonBody } from "@/lib/http/body";
import { createContext } from "@/lib/http/create-context";
import { json } from "@/lib/http/json";
import { ownerRoute } from "@/lib/http/owner-route";
import { createGenerationBody, listQueryFrom, MAX_CREATE_BODY_BYTES } from "./schema";

export const POST = ownerRoute(async ({ request, owner }) => {
  const body = await parseJsonBody(request, MAX_CREATE_BODY_BYTES, createGenerationBody);
  const { who, where } = createContext(request, owner);
  const { id, created } = await createGeneration({ ...body, ...who }, where);
  return json(await getGenerationView(id, owner.id), { status: created ? 201 : 200 });
});

export const GET = ownerRoute(async ({ request, owner }) => {
  const parsed = listQueryFrom(new URL(request.url).searchParams);
  if (!parsed.success) throw validationError(parsed.error);
  const { cursor, limit, filters } = parsed.data;
  return json(await listOwnerGenerationViews(owner.id, cursor, limit, filters));
});
