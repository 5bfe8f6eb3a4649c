import "server-only";
import { getDb } from "../db";
import { deleteUnusedUploads } from "../db/upload-queries";
import { env } from "../env";
import { getStorage } from "../storage";

// Uploads nobody uses: an image dropped on the form and never generated from, or one whose
// generations were all deleted. Once no create has used it for UPLOAD_RETENTION_DAYS, the
// reconciler's tick deletes its row and its file, so storage does not fill with inputs no one
// can reach. An upload a generation still links is kept as long as that generation.

const BATCH = 20;
const DAY_MS = 86_400_000;

/** Deletes one batch of unused uploads; answers how many. */
export async function sweepUnusedUploads(now: number = Date.now()): Promise<number> {
  const cutoff = new Date(now - env().UPLOAD_RETENTION_DAYS * DAY_MS);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const keys = await deleteUnusedUploads(tx, cutoff, BATCH);
      // Before the rows' delete commits: if a file cannot be deleted, the rows come back and a
      // later tick tries again, so a deleted row never leaves its file behind.
      if (keys.length > 0) await getStorage().delete(keys);
      return keys.length;
    });
  } catch (error) {
    console.error("[uploads] could not sweep unused uploads", error instanceof Error ? error.message : error);
    return 0;
  }
}
