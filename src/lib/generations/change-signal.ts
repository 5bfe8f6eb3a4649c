import "server-only";
import { getDbHandle } from "../db";
import { forgetGeneration, setChangeFeedLive } from "./known-versions";

// Wakes status polls held for a generation (GET /api/generations/:id?wait=…) when its row
// changes, and keeps this instance's known versions honest (known-versions.ts). The database
// says so: a trigger NOTIFYs `generation_changed` with the id at commit (migration 0005), heard
// here through LISTEN on PostgreSQL, and through PGlite's own listen in process. Neon's serverless
// pool keeps no connection to LISTEN on: there polls are not held. A lost LISTEN connection (a
// database restart) wakes every held poll to read again, and the next poll subscribes anew.

const CHANNEL = "generation_changed";
const waiters = new Map<string, Set<() => void>>();
let subscribed: Promise<boolean> | undefined;

function wake(id: string) {
  forgetGeneration(id);
  const set = waiters.get(id);
  if (!set) return;
  waiters.delete(id);
  for (const resolve of set) resolve();
}

/** The LISTEN ended (null: the database handle was closed): nothing known is trusted any more. */
function lost(error: Error | null) {
  if (error) console.error("[poll] lost the change feed; it resubscribes on the next poll:", error.message);
  subscribed = undefined;
  setChangeFeedLive(false);
  const all = [...waiters.values()];
  waiters.clear();
  for (const set of all) for (const resolve of set) resolve();
}

/** After a failed subscription, this long before the next try (a try can take seconds). */
const RETRY_MS = 5_000;
let failedAt = Number.NEGATIVE_INFINITY;

/** Whether this instance hears changes (subscribing on first use); false: answer polls at once. */
export function changeFeedAvailable(): Promise<boolean> {
  if (!subscribed && Date.now() - failedAt < RETRY_MS) return Promise.resolve(false);
  subscribed ??= (async () => {
    try {
      const handle = await getDbHandle();
      // A driver without LISTEN (Neon) never has it: that answer stays.
      if (!handle.listen) return false;
      await handle.listen(CHANNEL, wake, lost);
      setChangeFeedLive(true);
      return true;
    } catch (error) {
      console.error("[poll] cannot LISTEN; status polls will not be held:", error instanceof Error ? error.message : error);
      failedAt = Date.now();
      subscribed = undefined;
      return false;
    }
  })();
  return subscribed;
}

/**
 * Resolves when `id` is reported changed, after `ms`, or when `signal` aborts, whichever is first.
 * Register before reading the version that decides to wait, so no change falls in between.
 */
export function changeOf(id: string): { wait: (ms: number, signal?: AbortSignal) => Promise<void>; cancel: () => void } {
  let resolveChange: () => void = () => {};
  const changed = new Promise<void>((resolve) => {
    resolveChange = resolve;
  });
  const set = waiters.get(id) ?? new Set();
  set.add(resolveChange);
  waiters.set(id, set);
  const cancel = () => {
    const current = waiters.get(id);
    current?.delete(resolveChange);
    if (current?.size === 0) waiters.delete(id);
  };
  return {
    cancel,
    wait: (ms, signal) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener("abort", done, { once: true });
        changed.then(done);
      }),
  };
}
