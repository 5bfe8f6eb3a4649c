// POST /api/groups: several generations from one request (variations of one model, or compare models)

import { createGroup } from "@/lib/generations/create-group";
import { getGroupView } from "@/lib/generations/read-group";
import { parseJsonBody } from "@/lib/http/body";
import { createContext } from "@/lib/http/create-context";
import { json } from "@/lib/http/json";
import { ownerRoute } from "@/lib/http/owner-route";
import { createGroupBody, MAX_CREATE_GROUP_BODY_BYTES } from "./schema";

export const POST = ownerRoute(async ({ request, owner }) => {
  const body = await parseJsonBody(request, MAX_CREATE_GROUP_BODY_BYTES, createGroupBody);
  const { who, where } = createContext(request, owner);
  const { id, created } = await createGroup({ ...body, ...who }, where);
  return json(await getGroupView(id, owner.id), { status: created ? 201 : 200 });
});
