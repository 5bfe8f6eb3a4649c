// POST /api/groups: several generations from one request (variations of one model, or compare models)

import { clientAddress } from "@/lib/auth/client-address";
import { configuredWebhookOrigin } from "@/lib/env";
import { validationError } from "@/lib/errors";
import { createGroup } from "@/lib/generations/create-group";
import { getGroupView } from "@/lib/generations/read-group";
import { readJsonBody } from "@/lib/http/body";
import { json } from "@/lib/http/json";
import { appOrigin, ownOrigins } from "@/lib/http/origin";
import { ownerRoute } from "@/lib/http/owner-route";
import { createGroupBody, MAX_CREATE_GROUP_BODY_BYTES } from "./schema";

export const POST = ownerRoute(async ({ request, owner }) => {
  const parsed = createGroupBody.safeParse(await readJsonBody(request, MAX_CREATE_GROUP_BODY_BYTES));
  if (!parsed.success) throw validationError(parsed.error);
  const webhookOrigin = configuredWebhookOrigin() ?? appOrigin(request);
  const { id, created } = await createGroup(
    { ownerId: owner.id, clientKey: clientAddress(request).key, ...parsed.data },
    { webhookOrigin, origin: appOrigin(request), ownOrigins: ownOrigins(request) },
  );
  return json(await getGroupView(id, owner.id), { status: created ? 201 : 200 });
});
