import "server-only";
import { isTerminal } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { getDb } from "../db";
import { getGenerationState } from "../db/queries";
import { markCancelRequested, transitionGeneration } from "../db/transition-queries";
import { AppError } from "../errors";
import { replicate } from "../replicate/client";
import { describeUpstreamFailure } from "../replicate/errors";
import { predictionSchema } from "../replicate/prediction";
import { applyPrediction } from "./apply-prediction";
import { logStateChange } from "./audit";
import { getGenerationView } from "./read";

export type CancelActor = { kind: "owner"; ownerId: string } | { kind: "admin" };

/**
 * A queued generation (no prediction yet) is canceled locally; a running one through
 * Replicate, whose answer goes through the same state machine as a webhook. A finished one is
 * a 409 carrying its current state.
 */
export async function cancelGeneration(id: string, actor: CancelActor): Promise<GenerationView> {
  const db = await getDb();
  const ownerId = actor.kind === "owner" ? actor.ownerId : null;
  const state = await getGenerationState(db, id);
  if (!state || (ownerId !== null && state.ownerId !== ownerId)) throw new AppError("not_found", "Generation not found");
  if (isTerminal(state.status)) throw alreadyFinished(await getGenerationView(id, null));

  const canceledBy = actor.kind;
  await markCancelRequested(db, id, canceledBy);
  if (!state.predictionId) {
    const moved = await transitionGeneration(db, id, { status: "canceled", canceledBy, completedAt: new Date() });
    if (moved) logStateChange({ generationId: id, predictionId: null, status: "canceled", source: "cancel" });
    // Not moved: the create answered meanwhile; fall through to cancel it on Replicate.
    const now = await getGenerationState(db, id);
    if (moved || !now?.predictionId) return getGenerationView(id, null);
    return cancelPrediction(id, now.predictionId);
  }
  return cancelPrediction(id, state.predictionId);
}

async function cancelPrediction(id: string, predictionId: string): Promise<GenerationView> {
  let answer: unknown;
  try {
    answer = await replicate().predictions.cancel(predictionId);
  } catch (error) {
    throw describeUpstreamFailure(error).appError;
  }
  const parsed = predictionSchema.safeParse(answer);
  // Replicate may answer a finished prediction with an error or the unchanged object: either
  // way the state machine (or the webhook that follows) settles the row.
  if (parsed.success) await applyPrediction({ generationId: id, prediction: parsed.data, source: "cancel" });
  return getGenerationView(id, null);
}

function alreadyFinished(generation: GenerationView): AppError {
  return new AppError(
    "conflict",
    `This generation already ${generation.status === "canceled" ? "was canceled" : generation.status}.`,
    {
      details: { generation },
    },
  );
}
