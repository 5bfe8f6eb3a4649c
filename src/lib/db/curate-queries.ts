import "server-only";
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { blockingClaimLive, storedKeysOf } from "./output-claim-queries";
import { ownedBy, ownGeneration } from "./queries";
import { generationDeletions, generationOutputs, generations } from "./schema";
import type { Executor, Tx } from "./types";
import { unlinkUploads } from "./upload-queries";

// An owner curating their own generations: favourite, and delete (the row stays, hidden from
// them, with an audit row for admins; its outputs' rows go with its files, its upload links too).

/** The owner's live (not deleted) generation, locked until the transaction ends. */
export async function lockOwnGeneration(tx: Tx, { id, ownerId }: { id: string; ownerId: string }) {
  const [row] = await tx
    .select({
      id: generations.id,
      modelKey: generations.modelKey,
      status: generations.status,
      claimLive: blockingClaimLive,
    })
    .from(generations)
    .where(ownGeneration(id, ownerId))
    .for("update");
  return row ?? null;
}

/** Removes the outputs' rows and answers every key they named (originals and their variants). */
export async function deleteOutputRows(tx: Tx, generationId: string): Promise<string[]> {
  const rows = await tx
    .delete(generationOutputs)
    .where(eq(generationOutputs.generationId, generationId))
    .returning({ key: generationOutputs.storageKey, variants: generationOutputs.variants });
  return rows.flatMap(storedKeysOf);
}

export async function markDeleted(
  tx: Tx,
  row: { id: string; ownerId: string; modelKey: string; status: string; removedKeys: string[] },
): Promise<void> {
  await tx
    .update(generations)
    .set({ deletedAt: sql`now()`, favourite: false, updatedAt: sql`now()` })
    .where(eq(generations.id, row.id));
  // Its uploads are no longer kept for it: once no create uses them they are swept (upload-sweep.ts).
  await unlinkUploads(tx, row.id);
  await tx
    .insert(generationDeletions)
    .values({
      generationId: row.id,
      ownerId: row.ownerId,
      modelKey: row.modelKey,
      status: row.status,
      removedKeys: row.removedKeys,
    })
    .onConflictDoNothing();
}

/** Stars or unstars; false when the owner has no such (live) generation. */
export async function setFavourite(
  db: Executor,
  { id, ownerId, favourite }: { id: string; ownerId: string; favourite: boolean },
) {
  const rows = await db
    .update(generations)
    .set({ favourite, updatedAt: sql`now()` })
    .where(ownGeneration(id, ownerId))
    .returning({ id: generations.id });
  return rows.length > 0;
}

/**
 * What a download needs of the owner's live generations `where` selects (one by id, or a group's
 * members in the order they were asked for): each one's model, input and stored outputs. Two
 * queries, however many generations.
 */
async function ownDownloads(db: Executor, where: SQL | undefined) {
  const rows = await db
    .select({ id: generations.id, modelKey: generations.modelKey, input: generations.input })
    .from(generations)
    .where(where)
    .orderBy(desc(generations.createdAt), desc(generations.id));
  if (rows.length === 0) return [];
  const outputs = await db
    .select({
      generationId: generationOutputs.generationId,
      index: generationOutputs.index,
      storageKey: generationOutputs.storageKey,
      url: generationOutputs.url,
      contentType: generationOutputs.contentType,
    })
    .from(generationOutputs)
    .where(
      inArray(
        generationOutputs.generationId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(generationOutputs.index);
  return rows.map((row) => ({ ...row, outputs: outputs.filter((o) => o.generationId === row.id) }));
}

/** What a download of all outputs needs: the owner's live generation's prompt, seed and stored outputs. */
export async function ownOutputsForDownload(db: Executor, { id, ownerId }: { id: string; ownerId: string }) {
  const [found] = await ownDownloads(db, ownGeneration(id, ownerId));
  return found ?? null;
}

/** The same for each live member of the owner's group, in the order they were asked for (none: no such group of theirs). */
export async function ownGroupOutputsForDownload(db: Executor, { groupId, ownerId }: { groupId: string; ownerId: string }) {
  return ownDownloads(db, and(eq(generations.groupId, groupId), ownedBy(ownerId)));
}
