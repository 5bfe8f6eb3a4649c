import "server-only";
import type { NewGenerationOutput } from "../db/schema";
import { getStorage } from "../storage";
import { type CopiedOutputWithBytes, copyOutputToStorage } from "../storage/copy-output";
import { outputDownloadPolicy } from "../storage/download-policy";
import { OutputFetchError } from "../storage/fetch-output";
import { OUTPUT_DOWNLOAD_CONCURRENCY } from "./output-limits";

/** A reason the outputs can never be copied: retrying would not help, so the generation fails. */
export class PermanentOutputError extends Error {}

/**
 * A copy failed and the files already written could not be deleted either: the caller keeps its
 * outputs claim, so once the lease runs out the sweeper finds and removes them.
 */
export class LeftoverFilesError extends Error {}

const permanentReasons = new Set(["host_not_allowed", "not_image", "too_large", "redirect_refused"]);

function describe(error: OutputFetchError): string {
  switch (error.reason) {
    case "http_status":
      return "The image expired on Replicate before it could be saved (Replicate deletes outputs after an hour).";
    case "host_not_allowed":
    case "redirect_refused":
      return "The model returned an image from a host we do not download from.";
    case "not_image":
      return "The model returned a file that is not an image.";
    case "too_large":
      return "The model returned an image larger than we store.";
    default:
      return error.message;
  }
}

function isPermanent(error: unknown): error is OutputFetchError {
  if (!(error instanceof OutputFetchError)) return false;
  if (permanentReasons.has(error.reason)) return true;
  // 404/410: expired on Replicate's file host; it will not come back.
  return error.reason === "http_status" && (error.status === 404 || error.status === 410);
}

/** An original just stored, with its bytes kept for the sized copies made after the commit. */
export type StoredSource = { index: number; data: Buffer; width: number | null };

/**
 * Copies the output files into our storage under keys derived from the generation id and index,
 * a few at a time. All or nothing: when any copy fails, every file already written is deleted
 * before this throws (PermanentOutputError when retrying cannot help, the cause otherwise). The
 * caller holds the generation's outputs claim, so no one else writes these keys meanwhile.
 * The sized copies are not made here: they cost more CPU than the copy itself, so they are made
 * after the success commits (output-variants.ts), from the bytes answered in `sources`.
 */
export async function persistOutputs(
  generationId: string,
  urls: readonly string[],
): Promise<{ outputs: NewGenerationOutput[]; sources: StoredSource[] }> {
  const storage = getStorage();
  const fetchOptions = outputDownloadPolicy();
  const copied: (CopiedOutputWithBytes | undefined)[] = [];
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    // After a failure no new download starts; those in flight finish (each within its deadline).
    while (errors.length === 0 && next < urls.length) {
      const index = next++;
      try {
        copied[index] = await copyOutputToStorage({
          storage,
          generationId,
          index,
          sourceUrl: urls[index] as string,
          fetchOptions,
          keepBytes: true,
        });
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(OUTPUT_DOWNLOAD_CONCURRENCY, urls.length) }, worker));
  if (errors.length > 0) {
    try {
      await discardOutputs(copied.flatMap((c) => (c ? [c.key] : [])));
    } catch (cause) {
      throw new LeftoverFilesError(`Could not delete the partial outputs of ${generationId}`, { cause });
    }
    const permanent = errors.find(isPermanent);
    if (permanent) throw new PermanentOutputError(describe(permanent), { cause: permanent });
    throw errors[0];
  }
  const stored = copied.map((s, index) => {
    if (!s) throw new Error(`output ${index} of ${generationId} was not copied`);
    return s;
  });
  return {
    outputs: stored.map(({ data: _data, key, ...rest }, index) => ({
      generationId,
      index,
      storageKey: key,
      ...rest,
      variants: [],
    })),
    sources: stored.map(({ data, width }, index) => ({ index, data, width })),
  };
}

/** Removes files written for a generation whose success did not commit. */
export async function discardOutputs(keys: string[]): Promise<void> {
  if (keys.length > 0) await getStorage().delete(keys);
}
