import "server-only";
import type { CreateGenerationBody } from "@/shared/generation-view";
import { getDb } from "../db";
import { findGenerationByIdempotencyKey, insertGenerationUnlessKeyTaken } from "../db/queries";
import { lockOwner } from "../db/quota-queries";
import { reserveUsage } from "../db/usage-queries";
import { validationError } from "../errors";
import { estimateRunUsd, findModel, inputSchema, pinnedRef } from "../replicate/models";
import { resolveFileInputs } from "./file-inputs";
import { newGenerationId, randomSeed } from "./ids";
import { requestedOutputs } from "./output-limits";
import { assertWithinQuotas } from "./quotas";
import { startPrediction } from "./start-prediction";

/**
 * The API's create body (already validated by the route), whose generation it is, and the
 * client's address key (src/lib/auth/client-address.ts) for per-address limits.
 */
export type CreateGenerationParams = CreateGenerationBody & { ownerId: string; clientKey: string };

/**
 * Validates, checks quotas and the idempotency key, writes a `queued` row, then starts the
 * prediction once (never retried blindly: a duplicate costs money). Returns the generation id
 * and whether this call created it.
 */
export async function createGeneration(
  req: CreateGenerationParams,
  {
    webhookOrigin,
    origin,
    ownOrigins,
  }: {
    webhookOrigin: string;
    /** The app's own origin, for the URLs of our files that Replicate (the emulator) fetches. */
    origin: string;
    /** Every origin the caller may know the app by (file input URLs name one). */
    ownOrigins: ReadonlySet<string>;
  },
): Promise<{ id: string; created: boolean }> {
  const model = findModel(req.model);
  const schema = inputSchema(req.model);
  if (!model || !schema) throw new Error(`unknown model ${req.model}`); // the route validated the key
  const parsed = schema.safeParse(req.input);
  if (!parsed.success) throw validationError(parsed.error, "input");
  const input = { ...parsed.data, seed: parsed.data.seed ?? randomSeed() };
  // Before any write: a file input that is not the caller's own image refuses the create.
  const files = await resolveFileInputs(model, input, { ownerId: req.ownerId, origin, ownOrigins });

  const db = await getDb();
  const { ownerId, clientKey, idempotencyKey = null } = req;
  const estimateUsd = estimateRunUsd(model, requestedOutputs(input));
  const claimed = await db.transaction(async (tx) => {
    // One owner's creates run one at a time here (the idempotency check), and the quota check
    // locks today's usage row, so check-then-insert is atomic across every instance.
    await lockOwner(tx, ownerId);
    if (idempotencyKey) {
      const existing = await findGenerationByIdempotencyKey(tx, { ownerId, key: idempotencyKey });
      if (existing) return { id: existing.id, created: false };
    }
    await assertWithinQuotas(tx, { ownerId, clientKey });
    const id = await insertGenerationUnlessKeyTaken(tx, {
      id: newGenerationId(),
      ownerId,
      modelKey: model.key,
      version: pinnedRef(model),
      input,
      status: "queued",
      idempotencyKey,
      clientKey,
      usageReservedUsd: estimateUsd,
      parentGenerationId: files.parent?.generationId ?? null,
      parentOutputIndex: files.parent?.outputIndex ?? null,
    });
    if (id) {
      await reserveUsage(tx, { ownerId, modelKey: model.key, usd: estimateUsd });
      return { id, created: true };
    }
    // A concurrent request with the same key committed first: answer with its generation.
    const winner = idempotencyKey ? await findGenerationByIdempotencyKey(tx, { ownerId, key: idempotencyKey }) : null;
    if (!winner) throw new Error("idempotency key taken, but no generation holds it");
    return { id: winner.id, created: false };
  });
  if (!claimed.created) return claimed;

  const webhook = `${webhookOrigin}/api/webhooks/replicate?generation=${encodeURIComponent(claimed.id)}`;
  await startPrediction({ id: claimed.id, model, input: files.forReplicate, webhook });
  return claimed;
}
