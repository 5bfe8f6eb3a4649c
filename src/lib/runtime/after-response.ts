import "server-only";
import { after } from "next/server";

// Work that need not hold up a response (the sized copies of an image just saved). Inside a
// Next.js request, `after` runs it once the response is sent and keeps a serverless function
// alive until it ends; elsewhere (the reconciler's in-process timer, a server without Next's
// request scope) it simply starts. Tasks run one at a time: a burst of finished generations
// then costs one core for a while, not every core at once while new requests wait.

let queue: Promise<void> = Promise.resolve();

/** A task that hangs (a storage call that never answers) holds the queue this long at most. */
const TASK_DEADLINE_MS = 120_000;

function withinDeadline(name: string, task: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error(`[after-response] ${name} still running after ${TASK_DEADLINE_MS} ms; starting the next task`);
      resolve();
    }, TASK_DEADLINE_MS);
    timer.unref();
  });
  return Promise.race([task(), deadline]).finally(() => clearTimeout(timer));
}

function enqueue(name: string, task: () => Promise<void>): Promise<void> {
  queue = queue.then(() => withinDeadline(name, task)).catch((error) => console.error(`[after-response] ${name} failed`, error));
  return queue;
}

export function runAfterResponse(name: string, task: () => Promise<void>): void {
  try {
    after(() => enqueue(name, task));
  } catch {
    // Outside a request scope: `after` throws before scheduling anything.
    void enqueue(name, task);
  }
}

/** Resolves once every task queued so far has ended (a server or test shutting down waits for it). */
export const afterResponseSettled = (): Promise<void> => queue;
