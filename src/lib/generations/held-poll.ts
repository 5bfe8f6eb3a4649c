import "server-only";
import { changeFeedAvailable, changeOf } from "./change-signal";
import { pollGeneration } from "./read";

// A long-poll on the status route (GET /api/generations/:id?wait=<etag>): the answer is held
// until the generation's version moves away from `etag` (the page learns of a finished
// generation as soon as its row is committed) or HOLD_MS pass (then a 304, and the page asks
// again). While held, the version is also re-read from the database every RECHECK_MS, in case a
// notification was lost. Where this instance hears no changes (Neon), the poll is answered at
// once (`held` false) and the page keeps its short-poll backoff.

export const HOLD_MS = 25_000;
const RECHECK_MS = 5_000;

export async function pollGenerationHeld(
  id: string,
  ownerId: string | null,
  etag: string,
  signal: AbortSignal,
): Promise<{ etag: string; body: string | null; held: boolean }> {
  if (!(await changeFeedAvailable())) return { ...(await pollGeneration(id, ownerId, etag)), held: false };
  const deadline = Date.now() + HOLD_MS;
  for (let first = true; ; first = false) {
    // Listening before the read: a change committed between the read and the wait still wakes it.
    const change = changeOf(id);
    try {
      // Rechecks read the database: they are there in case a change report was lost.
      const result = await pollGeneration(id, ownerId, etag, { fresh: !first });
      const left = deadline - Date.now();
      if (result.body !== null || signal.aborted || left <= 0) return { ...result, held: true };
      await change.wait(Math.min(left, RECHECK_MS), signal);
    } finally {
      change.cancel();
    }
  }
}
