import { Readable } from "node:stream";
import { imageSize } from "image-size";
import { type FetchOutputOptions, fetchOutput, OutputFetchError } from "./fetch-output";
import { isSupportedImageType, outputKey } from "./keys";
import type { Storage, StoredObject } from "./types";

export type CopiedOutput = {
  key: string;
  url: string;
  contentType: string;
  bytes: number;
  width: number | null;
  height: number | null;
};

/** With `keepBytes`: also the whole file, kept as it streamed past (the download's size cap bounds it). */
export type CopiedOutputWithBytes = CopiedOutput & { data: Buffer };

/** Image headers sit at the start; JPEG's can follow EXIF data, so allow a generous prefix. */
const HEADER_PEEK_BYTES = 128 * 1024;

type Dimensions = { width: number; height: number };

/** Dimensions from the start of an image, or null until enough of its header has arrived. */
function readDimensions(head: Buffer): Dimensions | null {
  try {
    const { width, height } = imageSize(head);
    return width > 0 && height > 0 ? { width, height } : null;
  } catch {
    return null; // header incomplete, or a format image-size does not know
  }
}

/**
 * Passes the bytes through untouched, reading the dimensions from the first chunks on the way and
 * keeping the chunks for the sized copies (the download's size cap bounds them). Lazy: it reads
 * `source` only as the storage write pulls.
 */
function withDimensions(
  source: Readable,
  keepBytes: boolean,
): { body: Readable; dimensions: () => Dimensions | null; data: () => Buffer } {
  let found: Dimensions | null = null;
  const chunks: Buffer[] = [];
  async function* passThrough() {
    let head = Buffer.alloc(0);
    for await (const chunk of source) {
      if (keepBytes) chunks.push(chunk as Buffer);
      if (!found && head.length < HEADER_PEEK_BYTES) {
        head = Buffer.concat([head, chunk as Buffer]).subarray(0, HEADER_PEEK_BYTES);
        found = readDimensions(head);
      }
      yield chunk as Buffer;
    }
  }
  return {
    body: Readable.from(passThrough(), { objectMode: false }),
    dimensions: () => found,
    data: () => Buffer.concat(chunks),
  };
}

type CopyArgs = {
  storage: Storage;
  generationId: string;
  index: number;
  sourceUrl: string;
  fetchOptions: FetchOutputOptions;
};

export function copyOutputToStorage(args: CopyArgs & { keepBytes: true }): Promise<CopiedOutputWithBytes>;
export function copyOutputToStorage(args: CopyArgs & { keepBytes?: false }): Promise<CopiedOutput>;
export async function copyOutputToStorage(
  args: CopyArgs & { keepBytes?: boolean },
): Promise<CopiedOutput | CopiedOutputWithBytes> {
  const { storage, generationId, index, sourceUrl, fetchOptions, keepBytes = false } = args;
  const { body, contentType } = await fetchOutput(sourceUrl, fetchOptions);
  if (!isSupportedImageType(contentType)) {
    // Only types we can name and serve safely (no SVG: it can carry script).
    body.destroy();
    throw new OutputFetchError("not_image", `Unsupported output image type: ${contentType}`);
  }
  const key = outputKey(generationId, index, contentType);
  const peek = withDimensions(body, keepBytes);
  let stored: StoredObject;
  try {
    stored = await storage.put(key, peek.body, { contentType });
  } catch (error) {
    // A failed write must also release the download (its connection and deadline timer).
    body.destroy();
    throw error;
  }
  const dimensions = peek.dimensions();
  const copied: CopiedOutput = {
    key: stored.key,
    url: stored.url,
    contentType,
    bytes: stored.bytes,
    width: dimensions?.width ?? null,
    height: dimensions?.height ?? null,
  };
  return keepBytes ? { ...copied, data: peek.data() } : copied;
}
