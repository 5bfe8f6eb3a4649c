import { Readable } from "node:stream";
import { del, type ListBlobResultBlob, list, put } from "@vercel/blob";
import { BLOB_DEADLINES_MS, withDeadline } from "./blob-deadline";
import type { Storage, StoredObject } from "./types";

export class VercelBlobStorage implements Storage {
  readonly kind = "vercel-blob" as const;

  constructor(
    private readonly token: string,
    private readonly deadlines = BLOB_DEADLINES_MS,
  ) {}

  async put(key: string, body: Readable, options: { contentType: string }): Promise<StoredObject> {
    const upload = new AbortController();
    let bytes = 0;
    let sourceError: unknown;
    // put() does not report the size it stored, so count the bytes as the upload pulls them.
    async function* counted() {
      try {
        for await (const chunk of body) {
          bytes += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
      } catch (error) {
        // The source failed mid-stream (too large, timeout): abort the upload rather than let
        // the client's retry loop (up to 10 attempts with backoff) resend a stream that is gone.
        // An abort without a reason is what makes @vercel/blob give up instead of retrying.
        sourceError = error;
        upload.abort();
        throw error;
      }
    }
    try {
      const source = Readable.from(counted(), { objectMode: false });
      const blob = await withDeadline(
        `put of ${key}`,
        this.deadlines.put,
        (abortSignal) =>
          put(key, source, {
            access: "public",
            addRandomSuffix: false,
            allowOverwrite: true,
            contentType: options.contentType,
            token: this.token,
            abortSignal,
          }),
        upload,
      );
      return { key: blob.pathname, url: blob.url, contentType: options.contentType, bytes };
    } catch (error) {
      body.destroy();
      // The source's own error (e.g. an OutputFetchError) says more than "request aborted".
      throw sourceError ?? error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const blobs = await withDeadline(`list of ${prefix}`, this.deadlines.other, (signal) =>
      listAllBlobs(this.token, prefix, signal),
    );
    return blobs.map((blob) => blob.pathname);
  }

  async sweep(prefix: string, keep: readonly string[]): Promise<number> {
    const kept = new Set(keep);
    const strays = (await this.list(prefix)).filter((key) => !kept.has(key));
    await this.delete(strays);
    return strays.length;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return; // del([]) would still make a request
    await withDeadline(`delete of ${keys.length} files`, this.deadlines.other, (abortSignal) =>
      del(keys, { token: this.token, abortSignal }),
    );
  }
}

/** Every blob under `prefix`, all pages of Blob's list. */
export async function listAllBlobs(token: string, prefix: string, abortSignal?: AbortSignal): Promise<ListBlobResultBlob[]> {
  const blobs: ListBlobResultBlob[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ prefix, cursor, limit: 1000, token, abortSignal });
    blobs.push(...page.blobs);
    cursor = page.hasMore ? page.cursor : undefined;
  } while (cursor);
  return blobs;
}
