import "server-only";
import { isTerminal } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";
import { getDb } from "../db";
import { markCancelPending } from "../db/prediction-link-queries";
import { getGenerationState } from "../db/queries";
import { markCancelRequested } from "../db/transition-queries";
import { AppError } from "../errors";
import { applyPrediction } from "./apply-prediction";
import { logStateChange } from "./audit";
import { attemptCancel } from "./prediction-cancel";
import { getGenerationView } from "./read";
import { OutputsBusyError } from "./settle-success";
import { transition } from "./usage";

export type CancelActor = { kind: "owner"; ownerId: string } | { kind: "admin" };

/**
 * A queued generation (no prediction yet) is canceled locally; a running one through
 * Replicate, whose answer goes through the same state machine as a webhook. A finished one is
 * a 409 carrying its current state. If Replicate does not know the prediction (404), nothing
 * runs: the generation is canceled locally. If Replicate does not answer, the cancel is retried
 * by the reconciler until it sticks, and the answer shows the generation still running.
 */
export async function cancelGeneration(id: string, actor: CancelActor): Promise<GenerationView> {
  const db = await getDb();
  const ownerId = actor.kind === "owner" ? actor.ownerId : null;
  const state = await getGenerationState(db, id);
  if (!state || (ownerId !== null && state.ownerId !== ownerId)) throw new AppError("not_found", "Generation not found");
  if (isTerminal(state.status)) throw alreadyFinished(await getGenerationView(id, null));

  const canceledBy = actor.kind;
  await markCancelRequested(db, id, canceledBy);
  let predictionId = state.predictionId;
  if (!predictionId) {
    // Only while no prediction is recorded: once a webhook recorded one, it runs and is canceled below.
    const moved = await transition(db, id, {
      status: "canceled",
      canceledBy,
      completedAt: new Date(),
      onlyWithoutPrediction: true,
    });
    if (moved) {
      logStateChange({ generationId: id, predictionId: null, status: "canceled", source: "cancel" });
      return getGenerationView(id, null);
    }
    // Not moved: a webhook recorded the prediction meanwhile (cancel it below), or it just ended.
    const now = await getGenerationState(db, id);
    if (now && isTerminal(now.status)) throw alreadyFinished(await getGenerationView(id, null));
    if (!now?.predictionId) return getGenerationView(id, null);
    predictionId = now.predictionId;
  }
  await cancelPrediction(id, predictionId, canceledBy);
  return getGenerationView(id, null);
}

async function cancelPrediction(id: string, predictionId: string, canceledBy: "owner" | "admin"): Promise<void> {
  const db = await getDb();
  // Marked first, so a cancel Replicate does not accept now is retried by the reconciler.
  await markCancelPending(db, id);
  const attempt = await attemptCancel(id, predictionId);
  if (attempt.outcome === "accepted" && attempt.prediction) {
    // Replicate may answer a finished prediction with its unchanged object: the state machine
    // (or the webhook that follows) settles the row either way. A webhook delivery already saving
    // its images commits the end itself: the cancel answers with the row as it is (202), not 503.
    try {
      await applyPrediction({ generationId: id, prediction: attempt.prediction, source: "cancel" });
    } catch (error) {
      if (!(error instanceof OutputsBusyError)) throw error;
    }
  } else if (attempt.outcome === "unknown") {
    // Replicate no longer knows it (restarted, another token): nothing runs or bills.
    const moved = await transition(db, id, { status: "canceled", canceledBy, predictionId, completedAt: new Date() });
    if (moved) logStateChange({ generationId: id, predictionId, status: "canceled", source: "cancel" });
  }
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
