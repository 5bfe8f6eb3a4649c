import "server-only";
import type { NewGenerationOutput } from "../db/schema";
import { getStorage } from "../storage";
import { copyOutputToStorage } from "../storage/copy-output";
import { outputDownloadPolicy } from "../storage/download-policy";
import { OutputFetchError } from "../storage/fetch-output";

/** A reason the outputs can never be copied: retrying would not help, so the generation fails. */
export class PermanentOutputError extends Error {}

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

function isPermanent(error: OutputFetchError): boolean {
  if (permanentReasons.has(error.reason)) return true;
  // 404/410: expired on Replicate's file host; it will not come back.
  return error.reason === "http_status" && (error.status === 404 || error.status === 410);
}

/**
 * Copies every output file into our storage under keys derived from the generation id and
 * index, so a retried delivery overwrites rather than duplicates. Transient failures throw (the
 * webhook answers 5xx and Replicate retries); permanent ones throw PermanentOutputError.
 */
export async function persistOutputs(generationId: string, urls: string[]): Promise<NewGenerationOutput[]> {
  const storage = getStorage();
  const fetchOptions = outputDownloadPolicy();
  try {
    const stored = await Promise.all(
      urls.map((sourceUrl, index) => copyOutputToStorage({ storage, generationId, index, sourceUrl, fetchOptions })),
    );
    return stored.map((s, index) => ({
      generationId,
      index,
      storageKey: s.key,
      url: s.url,
      contentType: s.contentType,
      bytes: s.bytes,
      width: s.width,
      height: s.height,
    }));
  } catch (error) {
    if (error instanceof OutputFetchError && isPermanent(error))
      throw new PermanentOutputError(describe(error), { cause: error });
    throw error;
  }
}

/** Removes files written for a generation whose success did not commit (canceled meanwhile). */
export async function discardOutputs(keys: string[]): Promise<void> {
  if (keys.length > 0) await getStorage().delete(keys);
}
