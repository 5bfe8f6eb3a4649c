import "server-only";
import { insertGenerationUnlessKeyTaken } from "../db/queries";
import type { Tx } from "../db/types";
import { linkUploads } from "../db/upload-queries";
import { reserveUsage } from "../db/usage-queries";
import { estimateRunUsd, type ModelEntry, pinnedRef } from "../replicate/models";
import { noLongerStored, type ResolvedInputs } from "./file-inputs";
import { newGenerationId } from "./ids";
import { requestedOutputs } from "./output-limits";
import { assertWithinQuotas, type GroupPlace } from "./quotas";

// The step a single create (create.ts) and each member of a group (create-group.ts) share: inside
// the transaction that holds the owner's lock, check the limits, write the `queued` row and
// reserve its estimated cost, so a generation is never written without its cost being counted.

/** Whose create it is, and the client's address key (src/lib/auth/client-address.ts) for per-address limits. */
export type Requester = { ownerId: string; clientKey: string };

/** Where a create's URLs point (createContext in src/lib/http/create-context.ts reads them from the request). */
export type CreateOrigins = {
  /** Where Replicate posts the generation's events. */
  webhookOrigin: string;
  /** The app's own origin, for the URLs of our files that Replicate (the emulator) fetches. */
  origin: string;
  /** Every origin the caller may know the app by (file input URLs name one). */
  ownOrigins: ReadonlySet<string>;
};

export type Claim = {
  model: ModelEntry;
  input: Record<string, unknown>;
  parent: ResolvedInputs["parent"];
  uploads: ResolvedInputs["uploads"];
  idempotencyKey: string | null;
  groupId?: string;
  /** Its place in the group being claimed, for the running limit's refusal. */
  groupPlace?: GroupPlace;
  createdAt?: Date;
};

/**
 * Claims one generation for `who`: the quotas are checked as if it were submitted on its own, the
 * row written as `queued` and its estimated cost reserved. Null, with nothing written, when the
 * idempotency key is already taken (a concurrent request with the same key committed first).
 */
export async function claimGeneration(tx: Tx, who: Requester, claim: Claim): Promise<string | null> {
  const { model, input, parent, uploads, idempotencyKey, groupId, groupPlace, createdAt } = claim;
  await assertWithinQuotas(tx, who, groupPlace);
  const usd = estimateRunUsd(model, requestedOutputs(input), input);
  const id = await insertGenerationUnlessKeyTaken(tx, {
    id: newGenerationId(),
    ownerId: who.ownerId,
    modelKey: model.key,
    version: pinnedRef(model),
    input,
    status: "queued",
    idempotencyKey,
    clientKey: who.clientKey,
    usageReservedUsd: usd,
    parentGenerationId: parent?.generationId ?? null,
    parentOutputIndex: parent?.outputIndex ?? null,
    ...(groupId ? { groupId } : {}),
    ...(createdAt ? { createdAt } : {}),
  });
  if (!id) return null;
  await reserveUsage(tx, { ownerId: who.ownerId, modelKey: model.key, usd });
  await keepUploads(tx, id, uploads);
  return id;
}

/**
 * The uploads it is made from stay stored as long as it does. One the sweep deleted since the
 * create checked it refuses the create (400, nothing written: the transaction rolls back).
 */
async function keepUploads(tx: Tx, generationId: string, used: ResolvedInputs["uploads"]): Promise<void> {
  const ids = [...new Set(used.map((u) => u.uploadId))];
  const linked = new Set(await linkUploads(tx, generationId, ids));
  const gone = used.find((u) => !linked.has(u.uploadId));
  if (gone) throw noLongerStored(gone.field);
}
