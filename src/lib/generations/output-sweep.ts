import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "../db";
import { claimAbandonedOutputs, referencedOutputKeys, releaseOutputsClaim } from "../db/output-claim-queries";
import { getStorage } from "../storage";
import { generationPrefix } from "../storage/keys";

// Crash leftovers: a process that died while copying outputs leaves its claim behind (its lease
// runs out) and maybe files: some outputs, a hidden temp file of a write in progress. The
// reconciler's tick takes over such claims and deletes every file of that generation the
// database does not reference, under the claim, so it never races an applier's commit.

const LEASE_SECONDS = 120;
const BATCH = 10;

export async function sweepAbandonedOutputs(): Promise<number> {
  const db = await getDb();
  const token = randomUUID();
  const ids = await claimAbandonedOutputs(db, { token, leaseSeconds: LEASE_SECONDS, limit: BATCH });
  let removed = 0;
  for (const id of ids) {
    try {
      removed += await getStorage().sweep(generationPrefix(id), await referencedOutputKeys(db, id));
      await releaseOutputsClaim(db, id, token);
    } catch (error) {
      // The claim stays; its lease runs out and a later tick tries again.
      console.error(`[outputs] could not sweep the files of ${id}`, error);
    }
  }
  return removed;
}
