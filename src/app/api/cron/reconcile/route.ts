// GET /api/cron/reconcile: settle generations whose webhooks were lost (Vercel Cron, CRON_SECRET)
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { reconcileStaleGenerations } from "@/lib/generations/reconcile";
import { errorResponse } from "@/lib/http/error-response";
import { json } from "@/lib/http/json";

export const dynamic = "force-dynamic";

function authorized(request: Request): boolean {
  const secret = env().CRON_SECRET;
  if (!secret) return false;
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function GET(request: Request): Promise<Response> {
  try {
    if (!authorized(request)) throw new AppError("unauthorized", "A valid CRON_SECRET bearer token is required");
    return json(await reconcileStaleGenerations());
  } catch (error) {
    return errorResponse(error);
  }
}
