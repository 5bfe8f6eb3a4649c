// POST /api/generations/:id/cancel: the owner (or an admin) stops a running generation
import { isAdmin } from "@/lib/auth/admin-session";
import { AppError } from "@/lib/errors";
import { cancelGeneration } from "@/lib/generations/cancel";
import { json, ownerRoute } from "@/lib/http/route";

export const POST = ownerRoute<{ id: string }>(async ({ request, params, owner }) => {
  const generation = await cancelGeneration(params.id, { kind: "owner", ownerId: owner.id }).catch(async (error: unknown) => {
    if (error instanceof AppError && error.code === "not_found" && (await isAdmin(request))) {
      return cancelGeneration(params.id, { kind: "admin" });
    }
    throw error;
  });
  return json(generation);
});
