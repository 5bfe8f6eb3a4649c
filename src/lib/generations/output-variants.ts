import "server-only";
import { getDb } from "../db";
import { leaveForSweeper, releaseOutputsClaim, renewOutputsClaims } from "../db/output-claim-queries";
import type { OutputVariant } from "../db/schema";
import { recordVariants } from "../db/variant-queries";
import { getStorage } from "../storage";
import { storeVariants, variantWidths } from "../storage/variants";
import { forgetGeneration } from "./known-versions";
import type { StoredSource } from "./persist-outputs";

// The sized WebP copies of a generation's outputs (storage/variants.ts), made after its success
// has committed and been answered: encoding them costs more CPU than the copy itself, and the
// page can show the original meanwhile. The success commit keeps the outputs claim for this,
// renamed by copiesToken, so no sweep touches the files meanwhile; recording the copies releases
// it. Deleting the generation does not wait for the copies: the recording then fails and the
// copies are deleted here. A crash in between leaves the claim to run out: the sweeper then
// deletes the unrecorded copies, and the cards keep showing the original.

/**
 * Longer than encoding one output's copies and storing them can take (stored side by side, each
 * write within 60 s: vercel-blob.ts; renewed before each output, and every 30 s while they wait
 * their turn); a crash leaves the unrecorded copies this long before the sweeper takes over.
 */
export const VARIANTS_LEASE_SECONDS = 120;

export const wantsVariants = (sources: StoredSource[]) => sources.some((s) => variantWidths(s.width).length > 0);

/** The job's claim ran out (the sweeper's now) or its generation was deleted: nothing more is written. */
class ClaimLost extends Error {}

export async function makeOutputVariants(generationId: string, token: string, sources: StoredSource[]): Promise<void> {
  const storage = getStorage();
  const db = await getDb();
  const written: string[] = [];
  const made: { index: number; variants: OutputVariant[] }[] = [];
  try {
    for (const { index, data, width } of sources) {
      // Renewed before each output's copies: the job may have waited its turn (variant-queue.ts),
      // and each output may take up to the encoder's deadline, so no lease runs out mid-job.
      const renewed = await renewOutputsClaims(db, [{ id: generationId, token }], VARIANTS_LEASE_SECONDS);
      if (renewed.length === 0) throw new ClaimLost();
      const variants = await storeVariants({ storage, generationId, index, data, width, onWritten: (k) => written.push(k) });
      made.push({ index, variants });
    }
    if (await recordVariants(db, generationId, token, made)) {
      forgetGeneration(generationId);
      return;
    }
  } catch (error) {
    if (!(error instanceof ClaimLost))
      console.error(`[outputs] no sized copies of ${generationId}; its cards show the originals`, error);
  }
  // Not recorded: nothing references these files.
  try {
    if (written.length > 0) await storage.delete(written);
    await releaseOutputsClaim(db, generationId, token);
  } catch (error) {
    console.error(`[outputs] could not delete the unrecorded copies of ${generationId}; the sweeper will`, error);
    await leaveForSweeper(db, generationId, token).catch(() => {});
  }
}
