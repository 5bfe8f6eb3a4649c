import { randomInt } from "node:crypto";
import type { Derivation, ImageFormat } from "./images";

// What an emulated model's behaviour is made of (model-catalogue.ts, image-tool-behaviours.ts):
// its timings, its seed rule and the image it plans, and the helpers they share.

/** The sizes of a prediction's downloaded file inputs, by input name. */
export type InputSizes = Record<string, { width: number; height: number }>;

export type ImagePlan = {
  width: number;
  height: number;
  format: ImageFormat;
  quality: number;
  /** The model is not deterministic: the same seed gives a different image each run. */
  varies?: boolean;
  /** The picture is made from input images (by input name), so it visibly depends on them. */
  derive?: { kind: Derivation; source: string; mask?: string };
};

export type ModelBehaviour = {
  /** Emulated durations at timeScale 1: booting (`starting`) and running (`processing`). */
  timing: { bootMs: number; processingMs: number };
  /** The seed a run uses, from validated input (defaults applied). */
  pickSeed(values: Record<string, unknown>): number;
  /** What to render for validated input, or the error the run would crash with. */
  planImage(values: Record<string, unknown>, inputs: InputSizes): ImagePlan | { error: string };
};

export const CUDA_OOM_MESSAGE =
  "CUDA out of memory. Tried to allocate 2.50 GiB (GPU 0; 39.39 GiB total capacity; " +
  "35.12 GiB already allocated; 1.02 GiB free; 36.80 GiB reserved in total by PyTorch)";

export const given = (seed: unknown): seed is number => typeof seed === "number";
/** `int.from_bytes(os.urandom(n), "big")`: the SDXL models draw 2 or 4 random bytes. */
export const randomBytesSeed = (bytes: 2 | 4) => randomInt(0, 2 ** (8 * bytes));

export function formatOf(requested: unknown, fallback: ImageFormat): ImageFormat {
  if (requested === "jpg" || requested === "jpeg") return "jpeg";
  if (requested === "png" || requested === "webp") return requested;
  return fallback;
}
