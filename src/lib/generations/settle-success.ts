import "server-only";
import { randomUUID } from "node:crypto";
import { isTerminal } from "@/shared/generation-status";
import { getDb } from "../db";
import {
  claimOutputs,
  copiesToken,
  countSettleFailure,
  holdsOutputsClaim,
  leaveForSweeper,
  liveOutputsClaim,
  releaseOutputsClaim,
} from "../db/output-claim-queries";
import { getGenerationState } from "../db/queries";
import type { NewGenerationOutput } from "../db/schema";
import { AppError } from "../errors";
import { outputUrls, type Prediction } from "../replicate/prediction";
import { type ApplyOutcome, commitEvent, type EventSource } from "./commit-event";
import { maxOutputs } from "./output-limits";
import { VARIANTS_LEASE_SECONDS, wantsVariants } from "./output-variants";
import { discardOutputs, LeftoverFilesError, PermanentOutputError, persistOutputs, type StoredSource } from "./persist-outputs";
import { type CopiesRoom, variantQueue } from "./variant-queue";

// A `succeeded` prediction becomes a succeeded generation only once every output is in our
// storage. Under the generation's outputs claim: one applier at a time downloads (duplicate
// deliveries get 503 and are retried later), the success commit requires the claim, and files
// are deleted only by the claim's holder, so no delete races a commit.

/**
 * Longer than any copy can take: a few outputs, two at a time, each a download of 30 s at most
 * streamed into a storage write of 60 s at most (vercel-blob.ts's deadlines).
 */
const LEASE_SECONDS = 300;
/** Deletes need this much lease left, so they cannot outlive the claim. */
const DELETE_MARGIN_SECONDS = 60;
/** Failed copies (webhook retries and reconciler checks together) before the generation fails. */
export const MAX_SETTLE_FAILURES = 10;

/** Someone else holds the outputs claim: a 503, so the delivery is retried once they are done. */
export class OutputsBusyError extends AppError {
  constructor() {
    super("unavailable", "Another delivery is saving this generation's images; try again shortly.", { retryAfter: 5 });
  }
}

export async function settleSuccess(args: {
  generationId: string;
  prediction: Prediction;
  webhookId?: string;
  source: EventSource;
  modelKey: string;
  input: Record<string, unknown>;
}): Promise<ApplyOutcome> {
  const { generationId, prediction, modelKey, input } = args;
  const urls = outputUrls(prediction.output);
  if (urls.length === 0) {
    const failure = prediction.data_removed
      ? "The images expired on Replicate before they could be saved (Replicate deletes outputs after an hour)."
      : "The model returned no images (the safety checker may have removed them).";
    return commitEvent({ ...args, status: "succeeded", failure });
  }
  const limit = maxOutputs(modelKey, input);
  if (urls.length > limit) console.warn(`[outputs] ${generationId}: ${urls.length} outputs listed, copying the first ${limit}`);

  const db = await getDb();
  // Names the delivery, so a duplicate of the very delivery in progress can be told apart.
  const token = `${args.webhookId ?? args.source}:${randomUUID()}`;
  if (!(await claimOutputs(db, generationId, token, LEASE_SECONDS))) {
    // The claim is read before the status: a holder commits before it releases, so a claim gone
    // by now means the status read next already shows the end (no 503 for a finished job).
    const holder = await liveOutputsClaim(db, generationId);
    const now = await getGenerationState(db, generationId);
    if (!now || isTerminal(now.status)) return "stale";
    // The same delivery, sent twice at once: the one in progress answers for both (its failure
    // is a 5xx, which Replicate retries).
    if (args.webhookId && holder?.startsWith(`${args.webhookId}:`)) return "duplicate";
    throw new OutputsBusyError();
  }
  let outputs: NewGenerationOutput[] = [];
  let committed = false;
  let keepClaim = false;
  let room: CopiesRoom | null = null;
  try {
    let failure: string | null = null;
    let sources: StoredSource[] = [];
    try {
      ({ outputs, sources } = await persistOutputs(generationId, urls.slice(0, limit)));
    } catch (error) {
      if (error instanceof LeftoverFilesError) keepClaim = true;
      if (error instanceof PermanentOutputError) failure = error.message;
      else failure = await countFailure(generationId, error);
    }
    // With sized copies to make (never after a failure: nothing was stored) and room in the queue
    // for their originals, the commit keeps the claim for them under its own token.
    room = wantsVariants(sources) ? variantQueue.reserve(generationId, sourceBytes(sources)) : null;
    const copies = room ? copiesToken(token) : null;
    const outcome = await commitEvent({
      ...args,
      status: "succeeded",
      failure,
      outputs,
      outputsClaim: token,
      keepOutputsClaim: copies ? { token: copies, seconds: VARIANTS_LEASE_SECONDS } : undefined,
    });
    committed = outcome === "applied";
    if (committed && room && copies) room.start(copies, sources);
    return outcome;
  } finally {
    room?.cancel();
    if (!committed && outputs.length > 0) keepClaim ||= !(await discardHeld(generationId, token, outputs));
    // Files that could not be deleted are left to the sweeper, never without a claim naming them.
    if (keepClaim) await leaveForSweeper(db, generationId, token);
    // A commit released the claim itself (transitionGeneration's outputsClaim), or kept it for
    // the sized copies, whose recording releases it: one round trip less.
    else if (!committed) await releaseOutputsClaim(db, generationId, token);
  }
}

const sourceBytes = (sources: StoredSource[]) => sources.reduce((n, s) => n + s.data.length, 0);

/** Counts a transient failure; throws (5xx: retried) until the bound, then names the failure. */
async function countFailure(generationId: string, error: unknown): Promise<string> {
  const failures = await countSettleFailure(await getDb(), generationId);
  if (failures < MAX_SETTLE_FAILURES) {
    throw new AppError("unavailable", "Could not save the images yet; Replicate will retry.", { retryAfter: 10, cause: error });
  }
  return `The images could not be copied from Replicate after ${failures} attempts.`;
}

/** Deletes files this applier wrote and did not commit, while it surely still holds the claim. */
async function discardHeld(generationId: string, token: string, outputs: NewGenerationOutput[]): Promise<boolean> {
  if (!(await holdsOutputsClaim(await getDb(), generationId, token, DELETE_MARGIN_SECONDS))) return false;
  try {
    // Uncommitted outputs have no sized copies yet (those are made after the commit).
    await discardOutputs(outputs.map((o) => o.storageKey));
    return true;
  } catch (error) {
    console.error(`[outputs] could not discard files of ${generationId}; the sweeper will`, error);
    return false;
  }
}
