import "server-only";
import type { CreateGenerationBody } from "@/shared/generation-view";
import { getDb } from "../db";
import { findGenerationByIdempotencyKey, getGenerationState, insertGeneration } from "../db/queries";
import { lockOwner } from "../db/quota-queries";
import { attachPredictionId, transitionGeneration } from "../db/transition-queries";
import { validationError } from "../errors";
import { replicate } from "../replicate/client";
import { describeUpstreamFailure } from "../replicate/errors";
import { findModel, inputSchema, type ModelEntry, pinnedRef } from "../replicate/models";
import { mapStatus, type Prediction, predictionSchema } from "../replicate/prediction";
import { logStateChange } from "./audit";
import { newGenerationId, randomSeed } from "./ids";
import { assertWithinQuotas } from "./quotas";

/** The API's create body (already validated by the route) and whose generation it is. */
export type CreateGenerationParams = CreateGenerationBody & { ownerId: string };

/**
 * Validates, checks quotas and the idempotency key, writes a `queued` row, then starts the
 * prediction once (never retried blindly: a duplicate costs money). Returns the generation id
 * and whether this call created it.
 */
export async function createGeneration(
  req: CreateGenerationParams,
  { webhookOrigin }: { webhookOrigin: string },
): Promise<{ id: string; created: boolean }> {
  const model = findModel(req.model);
  const schema = inputSchema(req.model);
  if (!model || !schema) throw new Error(`unknown model ${req.model}`); // the route validated the key
  const parsed = schema.safeParse(req.input);
  if (!parsed.success) throw validationError(parsed.error, "input");
  const input = { ...parsed.data, seed: parsed.data.seed ?? randomSeed() };

  const db = await getDb();
  const claimed = await db.transaction(async (tx) => {
    await lockOwner(tx, req.ownerId);
    if (req.idempotencyKey) {
      const existing = await findGenerationByIdempotencyKey(tx, { ownerId: req.ownerId, key: req.idempotencyKey });
      if (existing) return { id: existing.id, created: false };
    }
    await assertWithinQuotas(tx, req.ownerId);
    const row = await insertGeneration(tx, {
      id: newGenerationId(),
      ownerId: req.ownerId,
      modelKey: model.key,
      version: pinnedRef(model),
      input,
      status: "queued",
      idempotencyKey: req.idempotencyKey ?? null,
    });
    return { id: row.id, created: true };
  });
  if (!claimed.created) return claimed;

  const webhook = `${webhookOrigin}/api/webhooks/replicate?generation=${encodeURIComponent(claimed.id)}`;
  let prediction: Prediction;
  try {
    prediction = predictionSchema.parse(await startPrediction(model, input, webhook));
  } catch (error) {
    const failure = describeUpstreamFailure(error);
    await transitionGeneration(db, claimed.id, { status: "failed", error: failure.generationError, completedAt: new Date() });
    logStateChange({ generationId: claimed.id, predictionId: null, status: "failed", source: "create" });
    throw failure.appError;
  }
  await recordStartedPrediction(claimed.id, model, prediction);
  return claimed;
}

function startPrediction(model: ModelEntry, input: Record<string, unknown>, webhook: string) {
  const common = { input, webhook, webhook_events_filter: ["start", "logs", "completed"] as ("start" | "logs" | "completed")[] };
  const t = model.target;
  return t.kind === "version"
    ? replicate().predictions.create({ version: t.version, ...common })
    : replicate().predictions.create({ model: `${t.owner}/${t.name}`, ...common });
}

async function recordStartedPrediction(id: string, model: ModelEntry, prediction: Prediction) {
  const db = await getDb();
  const status = mapStatus(prediction.status) ?? "starting";
  // Official models run unpinned: record the version Replicate reports.
  const version =
    model.target.kind === "official" && prediction.version ? `${pinnedRef(model)}:${prediction.version}` : undefined;
  // Only the early states: a terminal answer is left to the webhook, which persists outputs.
  const moved =
    status === "starting" || status === "processing"
      ? await transitionGeneration(db, id, { status, predictionId: prediction.id, version, startedAt: prediction.started_at })
      : null;
  if (moved) {
    logStateChange({ generationId: id, predictionId: prediction.id, status, source: "create" });
    return;
  }
  await attachPredictionId(db, id, prediction.id);
  // Canceled while the create call was in flight: stop the prediction we just started.
  const state = await getGenerationState(db, id);
  if (state?.status === "canceled" && status !== "succeeded" && status !== "failed" && status !== "canceled") {
    await replicate()
      .predictions.cancel(prediction.id)
      .catch((error: unknown) => {
        console.error(`[create] could not cancel prediction ${prediction.id} of canceled generation ${id}`, error);
      });
  }
}
