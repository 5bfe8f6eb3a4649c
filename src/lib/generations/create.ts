import "server-only";
import type { CreateGenerationBody } from "@/shared/generation-view";
import { takesSeed } from "@/shared/model-form";
import { getDb } from "../db";
import { findGenerationByIdempotencyKey } from "../db/queries";
import { lockOwner } from "../db/quota-queries";
import { findModel } from "../replicate/models";
import { checkedInput } from "./checked-input";
import { type CreateOrigins, claimGeneration, type Requester } from "./claim";
import { resolveFileInputs } from "./file-inputs";
import { randomSeed } from "./ids";
import { startPrediction } from "./start-prediction";

/** The API's create body (already validated by the route) and who sends it. */
export type CreateGenerationParams = CreateGenerationBody & Requester;

/**
 * Validates, checks quotas and the idempotency key, writes a `queued` row, then starts the
 * prediction once (never retried blindly: a duplicate costs money). Returns the generation id
 * and whether this call created it.
 */
export async function createGeneration(
  req: CreateGenerationParams,
  { webhookOrigin, origin, ownOrigins }: CreateOrigins,
): Promise<{ id: string; created: boolean }> {
  const model = findModel(req.model);
  if (!model) throw new Error(`unknown model ${req.model}`); // the route validated the key
  const checked = checkedInput(model, req.input);
  // A random seed is picked here and recorded, so any run can be repeated; a model without a
  // seed input (upscale, remove background) is sent none.
  const input = takesSeed(model) ? { ...checked, seed: checked.seed ?? randomSeed() } : checked;
  const db = await getDb();
  const { ownerId, clientKey, idempotencyKey = null } = req;
  // A replay answers with its generation before any work on the inputs (with real Replicate and
  // local disk, resolving them uploads each file to Replicate again), whatever became of them.
  const replayed = idempotencyKey ? await findGenerationByIdempotencyKey(db, { ownerId, key: idempotencyKey }) : null;
  if (replayed) return { id: replayed.id, created: false };
  // Before any write: a file input that is not the caller's own image refuses the create.
  const files = await resolveFileInputs(model, input, { ownerId, origin, ownOrigins });

  const claimed = await db.transaction(async (tx) => {
    // One owner's creates run one at a time here (the idempotency check), and the quota check
    // locks today's usage row, so check-then-insert is atomic across every instance.
    await lockOwner(tx, ownerId);
    if (idempotencyKey) {
      const existing = await findGenerationByIdempotencyKey(tx, { ownerId, key: idempotencyKey });
      if (existing) return { id: existing.id, created: false };
    }
    const id = await claimGeneration(
      tx,
      { ownerId, clientKey },
      { model, input, parent: files.parent, uploads: files.uploads, idempotencyKey },
    );
    if (id) return { id, created: true };
    // A concurrent request with the same key committed first: answer with its generation.
    const winner = idempotencyKey ? await findGenerationByIdempotencyKey(tx, { ownerId, key: idempotencyKey }) : null;
    if (!winner) throw new Error("idempotency key taken, but no generation holds it");
    return { id: winner.id, created: false };
  });
  if (!claimed.created) return claimed;

  await startPrediction({ id: claimed.id, model, input: files.forReplicate, webhookOrigin });
  return claimed;
}
