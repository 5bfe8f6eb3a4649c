import type { ServerResponse } from "node:http";
import type { Scheduler } from "./clock";

// The ways a file body goes out: whole, trickled (slow-file), or cut off mid-body (file-reset).

const SLOW_FILE_CHUNKS = 20;

/** Sends the body in small pieces spread over `durationMs` (emulated): a slow CDN edge. */
export function trickle(res: ServerResponse, bytes: Buffer, durationMs: number, scheduler: Scheduler, tag: string): void {
  const chunkSize = Math.ceil(bytes.length / SLOW_FILE_CHUNKS);
  const step = (offset: number) => {
    if (res.destroyed) return;
    const end = Math.min(bytes.length, offset + chunkSize);
    if (end >= bytes.length) return void res.end(bytes.subarray(offset));
    res.write(bytes.subarray(offset, end));
    scheduler.after(durationMs / SLOW_FILE_CHUNKS, () => step(end), tag);
  };
  step(0);
}

/**
 * Sends the headers (with the full Content-Length) and the first `fraction` of the body, then
 * resets the connection: the client sees a body that ends early with a network error.
 */
export function resetMidBody(res: ServerResponse, bytes: Buffer, fraction: number): void {
  const cut = Math.min(bytes.length - 1, Math.floor(bytes.length * fraction));
  res.write(bytes.subarray(0, Math.max(0, cut)), () => {
    // Let the partial body reach the socket before it is destroyed.
    setImmediate(() => res.socket?.resetAndDestroy());
  });
}
