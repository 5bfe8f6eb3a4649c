import "server-only";
import { getDb } from "../db";
import { deleteMarkedUploads, markUnusedUploads, retakeStaleDeletions, type SweptUpload } from "../db/upload-sweep-queries";
import { env } from "../env";
import { getStorage } from "../storage";
import { deleteStaleIncoming } from "../storage/vercel-blob-uploads";

// Uploads nobody uses: an image dropped on the form and never generated from, or one whose
// generations were all deleted. Once no create has used it for UPLOAD_RETENTION_DAYS, the
// reconciler's tick deletes its file and its row, so storage does not fill with inputs no one
// can reach. An upload a live generation links is kept as long as that generation.
//
// In two phases, never holding a transaction across storage calls: the rows are marked (from
// then on no create links them), the files deleted one by one, then the rows of the files that
// went. A file that cannot be deleted keeps its marked row, retried later behind the others; a
// crash between the phases leaves marks that the next sweeps take over.

const BATCH = 20;
const DAY_MS = 86_400_000;
/** A mark older than this was left by a sweep that crashed or failed: taken over. */
const STALE_MARK_SECONDS = 60;

/** Deletes one batch of unused uploads (and retries of earlier failures); answers how many. */
export async function sweepUnusedUploads(now: number = Date.now()): Promise<number> {
  const db = await getDb();
  try {
    const marked = [
      ...(await retakeStaleDeletions(db, STALE_MARK_SECONDS, BATCH)),
      ...(await markUnusedUploads(db, new Date(now - env().UPLOAD_RETENTION_DAYS * DAY_MS), BATCH)),
    ];
    return await deleteMarkedUploads(db, await deleteFiles(marked));
  } catch (error) {
    console.error("[uploads] could not sweep unused uploads", error instanceof Error ? error.message : error);
    return 0;
  }
}

/** Deletes each upload's file; answers the ids whose file is gone. */
async function deleteFiles(marked: SweptUpload[]): Promise<string[]> {
  const storage = getStorage();
  const results = await Promise.allSettled(marked.map((u) => storage.delete([u.storageKey])));
  return marked.flatMap((u, i) => {
    const result = results[i];
    if (result?.status === "fulfilled") return [u.id];
    console.error(`[uploads] could not delete ${u.storageKey}; a later sweep retries`, result?.reason);
    return [];
  });
}

// Vercel Blob mode: direct uploads never taken (under uploads/incoming/) go an hour after they
// landed. Listing Blob is a billed operation, so each instance looks at most once an hour.

/** A browser completes its direct upload within seconds; an hour later it never will. */
const INCOMING_MAX_AGE_MS = 3_600_000;
const INCOMING_SWEEP_EVERY_MS = 3_600_000;
let nextIncomingSweep = 0;

/** Deletes stale incoming direct uploads (Vercel Blob mode, hourly per instance); answers how many. */
export async function sweepIncomingUploads(now: number = Date.now()): Promise<number> {
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
