import "server-only";
import { isTerminal } from "@/shared/generation-status";
import { getDb } from "../db";
import { deleteOutputRows, lockOwnGeneration, markDeleted, setFavourite } from "../db/curate-queries";
import { AppError } from "../errors";
import { getStorage } from "../storage";
import { generationPrefix } from "../storage/keys";
import { forgetGeneration } from "./known-versions";
import { getGenerationView } from "./read";

const notFound = () => new AppError("not_found", "Generation not found");

/**
 * Deletes an owner's finished generation: every stored file under its prefix (originals,
 * variants, anything a crash left), its outputs' rows, and it leaves their views; the row stays
 * for admins with an audit row naming the removed keys. The files go while the row is locked:
 * a storage failure rolls the whole delete back (a retry deletes what is left), and nothing
 * else can write this generation's files meanwhile: a live claim copying its originals refuses
 * the delete; one making its sized copies does not, and its recording then fails and removes
 * them (output-variants.ts).
 */
export async function deleteGeneration(id: string, ownerId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const row = await lockOwnGeneration(tx, { id, ownerId });
    if (!row) throw notFound();
    if (!isTerminal(row.status)) {
      throw new AppError("conflict", "This generation is still running. Cancel it first, then delete it.");
    }
    if (row.claimLive) {
      throw new AppError("unavailable", "This generation's images are being saved; try again shortly.", { retryAfter: 5 });
    }
    const removedKeys = await deleteOutputRows(tx, id);
    await getStorage().sweep(generationPrefix(id), []);
    await markDeleted(tx, { id, ownerId, modelKey: row.modelKey, status: row.status, removedKeys });
  });
  forgetGeneration(id);
}

export async function setOwnFavourite(id: string, ownerId: string, favourite: boolean) {
  if (!(await setFavourite(await getDb(), { id, ownerId, favourite }))) throw notFound();
  forgetGeneration(id);
  return getGenerationView(id, ownerId);
}
