import "server-only";
import { getDb } from "../db";
import { deleteUnusedUploads } from "../db/upload-queries";
import { env } from "../env";
import { getStorage } from "../storage";
import { deleteStaleIncoming } from "../storage/vercel-blob-uploads";

// Uploads nobody uses: an image dropped on the form and never generated from, or one whose
// generations were all deleted. Once no create has used it for UPLOAD_RETENTION_DAYS, the
// reconciler's tick deletes its row and its file, so storage does not fill with inputs no one
// can reach. An upload a generation still links is kept as long as that generation. In Vercel
// Blob mode, direct uploads never taken (under uploads/incoming/) go an hour after they landed.

const BATCH = 20;
const DAY_MS = 86_400_000;
/** A browser completes its direct upload within seconds; an hour later it never will. */
const INCOMING_MAX_AGE_MS = 3_600_000;
/** Listing Blob is a billed operation: the incoming files are looked at once an hour per instance. */
const INCOMING_SWEEP_EVERY_MS = 3_600_000;
let nextIncomingSweep = 0;

/** Deletes one batch of unused uploads, and stale incoming direct uploads; answers how many. */
export async function sweepUnusedUploads(now: number = Date.now()): Promise<number> {
  return (await sweepUploadRows(now)) + (await sweepIncoming(now));
}

async function sweepUploadRows(now: number): Promise<number> {
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

async function sweepIncoming(now: number): Promise<number> {
  const token = env().BLOB_READ_WRITE_TOKEN;
  if (!token || now < nextIncomingSweep) return 0;
  nextIncomingSweep = now + INCOMING_SWEEP_EVERY_MS;
  try {
    return await deleteStaleIncoming(token, new Date(now - INCOMING_MAX_AGE_MS));
  } catch (error) {
    nextIncomingSweep = 0; // try again on the next tick
    console.error("[uploads] could not sweep incoming direct uploads", error instanceof Error ? error.message : error);
    return 0;
  }
}
