// POST /api/generations: start a generation · GET /api/generations: the caller's, newest first
import { clientAddress } from "@/lib/auth/client-address";
import { configuredWebhookOrigin } from "@/lib/env";
import { validationError } from "@/lib/errors";
import { createGeneration } from "@/lib/generations/create";
import { getGenerationView, listOwnerGenerationViews } from "@/lib/generations/read";
import { readJsonBody } from "@/lib/http/body";
import { json } from "@/lib/http/json";
import { appOrigin, ownOrigins } from "@/lib/http/origin";
import { ownerRoute } from "@/lib/http/owner-route";
import { createGenerationBody, listGenerationsQuery, MAX_CREATE_BODY_BYTES } from "./schema";

export const POST = ownerRoute(async ({ request, owner }) => {
  const parsed = createGenerationBody.safeParse(await readJsonBody(request, MAX_CREATE_BODY_BYTES));
  if (!parsed.success) throw validationError(parsed.error);
  // Where Replicate posts this generation's events: a Vercel preview's own URL, APP_URL, or locally our own.
  const webhookOrigin = configuredWebhookOrigin() ?? appOrigin(request);
  const { id, created } = await createGeneration(
    { ownerId: owner.id, clientKey: clientAddress(request).key, ...parsed.data },
    { webhookOrigin, origin: appOrigin(request), ownOrigins: ownOrigins(request) },
  );
  return json(await getGenerationView(id, owner.id), { status: created ? 201 : 200 });
});

export const GET = ownerRoute(async ({ request, owner }) => {
  const params = new URL(request.url).searchParams;
  const parsed = listGenerationsQuery.safeParse({
    cursor: params.get("cursor"),
    limit: params.get("limit") ?? undefined,
    q: params.get("q"),
    model: params.get("model"),
    status: params.get("status"),
    favourite: params.get("favourite"),
    hideFailed: params.get("hideFailed"),
  });
  if (!parsed.success) throw validationError(parsed.error);
  const { cursor, limit, filters } = parsed.data;
  return json(await listOwnerGenerationViews(owner.id, cursor, limit, filters));
});
