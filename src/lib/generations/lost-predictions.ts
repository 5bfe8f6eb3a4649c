import "server-only";
import { isTerminal } from "@/shared/generation-status";
import { getDb } from "../db";
import { claimLostPredictionSearches, linkPrediction, searchForLostPrediction } from "../db/prediction-link-queries";
import { getGenerationState } from "../db/queries";
import { env } from "../env";
import { replicate } from "../replicate/client";
import { isRunning, type Prediction, predictionSchema } from "../replicate/prediction";
import { isOwnCreate } from "./event-ownership";
import { requestPredictionCancel } from "./prediction-cancel";

// A create whose answer was lost may still have started a prediction. Usually its webhooks say so
// (and are matched to the generation), but the `start` webhook is never retried: if it was lost
// too, nothing would tell us about a prediction running, billed, for a generation its owner was
// told had failed. So for a while after such a failure the reconciler reads Replicate's list of
// recent predictions (newest first), once per interval, and cancels the one this create started.

/** Replicate lists a prediction as soon as it is created; ten minutes is plenty of margin. */
const SEARCH_SECONDS = 600;
const MAX_PAGES = 3;
const BATCH = 25;

/** Starts the search for the prediction a lost create answer may have started. */
export async function searchLater(generationId: string): Promise<void> {
  await searchForLostPrediction(await getDb(), generationId, SEARCH_SECONDS);
}

/** One search for every generation due; returns how many lost predictions it found. */
export async function findLostPredictions(): Promise<number> {
  const db = await getDb();
  const pending = await claimLostPredictionSearches(db, { intervalSeconds: env().RECONCILE_INTERVAL_SECONDS, limit: BATCH });
  if (pending.length === 0) return 0;
  const oldest = Math.min(...pending.map((c) => c.createdAt.getTime()));
  let found = 0;
  let pages = 0;
  const client = replicate();
  for await (const page of client.paginate(() => client.predictions.list())) {
    const predictions = (page as unknown[]).flatMap((raw) => {
      const parsed = predictionSchema.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    });
    for (const prediction of predictions) {
      const match = pending.findIndex((c) => isOwnCreate(c, prediction));
      if (match < 0) continue;
      const [candidate] = pending.splice(match, 1);
      if (candidate && (await adopt(candidate.id, prediction))) found++;
    }
    const last = predictions[predictions.length - 1]?.created_at;
    // Newest first: a page reaching past every candidate's creation has shown all it can.
    if (pending.length === 0 || ++pages >= MAX_PAGES || !last || last.getTime() < oldest - 60_000) break;
  }
  return found;
}

/** Records the found prediction on its generation and stops it if it still runs. */
async function adopt(generationId: string, prediction: Prediction): Promise<boolean> {
  const db = await getDb();
  if (!(await linkPrediction(db, generationId, prediction.id))) return false;
  const state = await getGenerationState(db, generationId);
  if (state && isTerminal(state.status) && state.status !== "succeeded" && isRunning(prediction.status)) {
    await requestPredictionCancel(generationId, prediction.id);
  }
  return true;
}
