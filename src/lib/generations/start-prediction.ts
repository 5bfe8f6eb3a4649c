import "server-only";
import { isTerminal } from "@/shared/generation-status";
import { getDb } from "../db";
import { linkPrediction } from "../db/prediction-link-queries";
import { getGenerationState } from "../db/queries";
import { env } from "../env";
import { replicate } from "../replicate/client";
import { describeUpstreamFailure } from "../replicate/errors";
import { type ModelEntry, pinnedRef } from "../replicate/models";
import { isRunning, mapStatus, type Prediction, predictionSchema } from "../replicate/prediction";
import { logStateChange } from "./audit";
import { searchLater } from "./lost-predictions";
import { failAndCancel, requestPredictionCancel } from "./prediction-cancel";
import { transition } from "./usage";

// The create call and what its answer, or its failure, means for the generation. The call is
// sent once, with its own deadline (REPLICATE_CREATE_TIMEOUT_SECONDS). Its answer can be lost
// after Replicate started the prediction, and the `start` webhook can have recorded the
// prediction before that: then the generation is not "never started", and its prediction is
// canceled rather than left running, billed, for a generation its owner was told had failed.

const LOST_ANSWER =
  "Replicate's answer to starting this generation was lost, so the prediction it started was stopped. Please try again.";

export async function startPrediction(args: {
  id: string;
  model: ModelEntry;
  input: Record<string, unknown>;
  /** Where Replicate posts this generation's events (its webhook route on that origin). */
  webhookOrigin: string;
}): Promise<void> {
  const webhook = `${args.webhookOrigin}/api/webhooks/replicate?generation=${encodeURIComponent(args.id)}`;
  let prediction: Prediction;
  try {
    prediction = predictionSchema.parse(await sendCreate({ ...args, webhook }));
  } catch (error) {
    await recordFailedCreate(args.id, error);
    return;
  }
  await recordStartedPrediction(args.id, args.model, prediction);
}

function sendCreate({ model, input, webhook }: { model: ModelEntry; input: Record<string, unknown>; webhook: string }) {
  const common = {
    input,
    webhook,
    webhook_events_filter: ["start", "logs", "completed"] as ("start" | "logs" | "completed")[],
    signal: AbortSignal.timeout(env().REPLICATE_CREATE_TIMEOUT_SECONDS * 1000),
  };
  const t = model.target;
  return t.kind === "version"
    ? replicate().predictions.create({ version: t.version, ...common })
    : replicate().predictions.create({ model: `${t.owner}/${t.name}`, ...common });
}

/** Always throws the failure as the API's answer, after settling the generation. */
async function recordFailedCreate(id: string, error: unknown): Promise<never> {
  const failure = describeUpstreamFailure(error);
  const db = await getDb();
  // "We never got a prediction": only while none is recorded. A create Replicate refused leaves
  // no card for its owner and frees its idempotency key, so a retry with that key starts anew.
  const moved = await transition(db, id, {
    status: "failed",
    error: failure.generationError,
    completedAt: new Date(),
    onlyWithoutPrediction: true,
    createRefused: failure.refused,
  });
  if (moved) logStateChange({ generationId: id, predictionId: null, status: "failed", source: "create" });
  const state = await getGenerationState(db, id);
  if (state?.predictionId) {
    if (!isTerminal(state.status)) await failAndCancel(id, state.predictionId, LOST_ANSWER, "create");
  } else if (!failure.refused) {
    // A prediction may run that no webhook has told us about yet: look for it.
    await searchLater(id);
  }
  throw failure.appError;
}

async function recordStartedPrediction(id: string, model: ModelEntry, prediction: Prediction): Promise<void> {
  const db = await getDb();
  const status = mapStatus(prediction.status) ?? "starting";
  // Official models run unpinned: record the version Replicate reports.
  const version =
    model.target.kind === "official" && prediction.version ? `${pinnedRef(model)}:${prediction.version}` : undefined;
  // Only the early states: a final answer is left to the webhook, which persists outputs.
  const moved =
    status === "starting" || status === "processing"
      ? await transition(db, id, { status, predictionId: prediction.id, version, startedAt: prediction.started_at })
      : null;
  if (moved) {
    logStateChange({ generationId: id, predictionId: prediction.id, status, source: "create" });
    return;
  }
  if (!(await linkPrediction(db, id, prediction.id))) {
    console.error(`[create] prediction ${prediction.id} answered for ${id} is recorded elsewhere`);
    return;
  }
  // Canceled (or timed out) while the create call was in flight: stop the prediction we just started.
  const state = await getGenerationState(db, id);
  if (state && isTerminal(state.status) && state.status !== "succeeded" && isRunning(prediction.status)) {
    await requestPredictionCancel(id, prediction.id);
  }
}
