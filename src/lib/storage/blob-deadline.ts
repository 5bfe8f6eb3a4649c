// Every call has a deadline of its own. @vercel/blob retries (up to 10 times, with backoff) and
// undici waits up to 300 s for an answer, so one call to a Blob API that never answers could
// outlive the outputs claim it runs under (settle-success.ts): a write landing after the sweeper
// took over would be an orphan, and a late delete could remove files a new holder just wrote.
// Writes get longer than deletes and lists, which must fit in the claim's delete margin.
export const BLOB_DEADLINES_MS = { put: 60_000, other: 30_000 };

/** A Blob API call did not finish within its deadline (and was abandoned, not retried). */
export class StorageTimeoutError extends Error {
  constructor(operation: string, ms: number) {
    super(`Vercel Blob ${operation} did not finish within ${ms} ms`);
    this.name = "StorageTimeoutError";
  }
}

/**
 * Runs `call` with a signal aborted (without a reason, the one abort @vercel/blob does not retry)
 * when the deadline passes or `linked` aborts. At the deadline this rejects with
 * StorageTimeoutError at once: the client may be sleeping between retries, and only notices the
 * abort when it wakes (then it sends nothing more, its signal being aborted).
 */
export async function withDeadline<T>(
  operation: string,
  ms: number,
  call: (signal: AbortSignal) => Promise<T>,
  linked?: AbortController,
): Promise<T> {
  const controller = linked ?? new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new StorageTimeoutError(operation, ms));
    }, ms);
  });
  const work = call(controller.signal);
  // Abandoned at the deadline, it still settles later: not an unhandled rejection.
  work.catch(() => {});
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
