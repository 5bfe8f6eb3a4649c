import type { Readable } from "node:stream";

export type StoredObject = {
  key: string;
  /** Public URL: absolute for Vercel Blob, app-relative (`/api/files/...`) for local disk. */
  url: string;
  contentType: string;
  bytes: number;
};

/** Where generated images live once copied off Replicate (whose URLs expire after an hour). */
export interface Storage {
  readonly kind: "local-disk" | "vercel-blob";
  /** Streams `body` to `key`, replacing any existing object (so a retried webhook overwrites). */
  put(key: string, body: Readable, options: { contentType: string }): Promise<StoredObject>;
  /** Every stored key under `prefix` (for reconciliation and tests). */
  list(prefix: string): Promise<string[]>;
  delete(keys: string[]): Promise<void>;
  /**
   * Deletes everything under `prefix` but `keep`, including what a crash mid-write left behind
   * (local disk's hidden temp files). Returns how many objects it removed.
   */
  sweep(prefix: string, keep: readonly string[]): Promise<number>;
}
