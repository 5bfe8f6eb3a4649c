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
    return (await listAllBlobs(this.token, prefix, this.deadlines.other)).map((blob) => blob.pathname);
  }

  async sweep(prefix: string, keep: readonly string[]): Promise<number> {
    const kept = new Set(keep);
    const strays = (await this.list(prefix)).filter((key) => !kept.has(key));
    await this.delete(strays);
    return strays.length;
  }

  async delete(keys: string[]): Promise<void> {
    await deleteBlobs(this.token, keys, this.deadlines.other);
  }
}

/** Every blob under `prefix`, all pages of Blob's list, within one deadline. */
export function listAllBlobs(token: string, prefix: string, ms = BLOB_DEADLINES_MS.other): Promise<ListBlobResultBlob[]> {
  return withDeadline(`list of ${prefix}`, ms, async (abortSignal) => {
    const blobs: ListBlobResultBlob[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ prefix, cursor, limit: 1000, token, abortSignal });
      blobs.push(...page.blobs);
      cursor = page.hasMore ? page.cursor : undefined;
    } while (cursor);
    return blobs;
  });
}

/** Deletes blobs (pathnames or URLs), a thousand per request, each request within its deadline. */
export async function deleteBlobs(token: string, keys: string[], ms = BLOB_DEADLINES_MS.other): Promise<void> {
  // No keys, no request (del([]) would still make one).
  for (let i = 0; i < keys.length; i += 1000) {
    const batch = keys.slice(i, i + 1000);
    await withDeadline(`delete of ${batch.length} files`, ms, (abortSignal) => del(batch, { token, abortSignal }));
  }
}
