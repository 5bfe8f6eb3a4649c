import "server-only";
import { Readable } from "node:stream";
import type { OutputVariant } from "../db/schema";
import { variantKey } from "./keys";
import type { Storage } from "./types";
import type { EncodedVariant } from "./variant-encode";
import { variantEncoder } from "./variant-encoder";

// Light galleries: each stored output gets WebP copies at a few widths, stored beside the
// original and deleted with it. Cards load the smallest copy that fills them (srcset); the
// original is only for the viewer and downloads.

/** Widths made, smallest first; only those no wider than the original (a same-width copy is a much lighter WebP). */
export const VARIANT_WIDTHS = [320, 640, 1024] as const;
const WEBP_QUALITY = 72;
/** sharp's WebP effort (0–6, default 4): 2 took about half the time for ~1% more bytes (measured on a noisy 1024 px image). */
const WEBP_EFFORT = 2;

/** The copies an image of this width gets (none when its width is unknown). */
export const variantWidths = (width: number | null): number[] => (width ? VARIANT_WIDTHS.filter((w) => w <= width) : []);

/**
 * Encodes and stores the copies of one output. `onWritten` hears of each key before its write
 * starts, so a caller that must undo a failed batch knows every file that may exist. An image sharp
 * cannot read (or whose encoder died) gets no copies: its cards fall back to the original. A
 * storage failure throws. Encoded at low priority (variant-encoder.ts), stored from here.
 */
export async function storeVariants(args: {
  storage: Storage;
  generationId: string;
  index: number;
  data: Buffer;
  width: number | null;
  onWritten: (key: string) => void;
}): Promise<OutputVariant[]> {
  const { storage, generationId, index, data, width, onWritten } = args;
  const widths = variantWidths(width);
  if (widths.length === 0) return [];
  let encoded: EncodedVariant[];
  try {
    encoded = await variantEncoder.encode(data, { widths, quality: WEBP_QUALITY, effort: WEBP_EFFORT });
  } catch (error) {
    console.warn(`[outputs] no sized copies of ${generationId} output ${index}: ${(error as Error).message}`);
    return [];
  }
  // Stored side by side, so one output's copies take one storage deadline, not three, within
  // the claim's lease; every write is waited for before a failure is thrown, so `onWritten` has
  // named each file that may exist by then.
  const stored = await Promise.allSettled(
    encoded.map(async (copy, i): Promise<OutputVariant> => {
      const key = variantKey(generationId, index, widths[i] as number);
      // Named before the write: one abandoned at its deadline may still have been stored.
      onWritten(key);
      const object = await storage.put(key, Readable.from([copy.data]), { contentType: "image/webp" });
      return { width: copy.width, height: copy.height, key: object.key, url: object.url, bytes: object.bytes };
    }),
  );
  const failed = stored.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  return stored.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
}
