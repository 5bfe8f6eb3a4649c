// POST /api/webhooks/replicate?generation=<id>: Replicate's signed prediction events
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { applyPrediction } from "@/lib/generations/apply-prediction";
import { generationIdPattern } from "@/lib/generations/ids";
import { readTextBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/error-response";
import { json } from "@/lib/http/json";
import { predictionSchema } from "@/lib/replicate/prediction";
import { verifyWebhook } from "@/lib/replicate/webhooks";

// A completed event carries the prediction's full logs, which can run long: accepted up to
// 10 MB (only a tail of the logs is stored), so it is never refused on every retry.
const MAX_WEBHOOK_BODY_BYTES = 10 * 1024 * 1024;
const query = z.object({ generation: z.string().regex(generationIdPattern, { error: "Invalid generation id" }) });

export async function POST(request: Request): Promise<Response> {
  try {
    // Verify the raw bytes first: any re-serialisation would break the signature.
    const raw = await readTextBody(request, MAX_WEBHOOK_BODY_BYTES);
    const webhookId = await verifyWebhook(raw, request.headers);
    const target = query.safeParse({ generation: new URL(request.url).searchParams.get("generation") });
    // Signed by Replicate but not ours to apply: 2xx so it is not retried.
    if (!target.success) return json({ ok: true, outcome: "ignored" });
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new AppError("bad_request", "Webhook body is not valid JSON");
    }
    const prediction = predictionSchema.safeParse(body);
    if (!prediction.success) throw new AppError("bad_request", "Webhook body is not a prediction");
    const outcome = await applyPrediction({
      generationId: target.data.generation,
      prediction: prediction.data,
      webhookId,
      source: "webhook",
    });
    return json({ ok: true, outcome });
  } catch (error) {
    // Anything not ours to reject (storage or database failing, another delivery saving the
    // outputs) answers 5xx: Replicate retries. An event for another generation's prediction
    // was answered 2xx above ("ignored").
    return errorResponse(error);
  }
}
