import { randomInt } from "node:crypto";
import { type Derivation, fluxDimensions, type ImageFormat, ratioDimensions } from "./images";

/** The sizes of a prediction's downloaded file inputs, by input name. */
export type InputSizes = Record<string, { width: number; height: number }>;

// How each emulated model behaves when it runs: how long it takes, which seed it uses when none is
// given, and what image it renders. The inputs themselves (schema, defaults, validation) come from
// the snapshots in catalogue/snapshots (see snapshots.ts). Each rule here is what the model's own
// Cog code does at the pinned version (sources in docs/replicate.md §9); a model with no entry
// gets a generic behaviour read off its inputs.

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

const given = (seed: unknown): seed is number => typeof seed === "number";
/** `int.from_bytes(os.urandom(n), "big")`: the SDXL models draw 2 or 4 random bytes. */
const randomBytesSeed = (bytes: 2 | 4) => randomInt(0, 2 ** (8 * bytes));

function sdxlPlan(values: Record<string, unknown>): ImagePlan | { error: string } {
  const width = Number(values.width);
  const height = Number(values.height);
  if (width <= 0 || height <= 0) return { error: "width and height must be positive integers" };
  // diffusers' SDXL pipelines refuse other sizes.
  if (width % 8 !== 0 || height % 8 !== 0) {
    return { error: `ValueError: \`height\` and \`width\` have to be divisible by 8 but are ${height} and ${width}.` };
  }
  // sdxl has no declared size limit; the real GPU runs out of memory, and so do we (on purpose).
  if (width * height > 2048 * 2048) return { error: CUDA_OOM_MESSAGE };
  return { width, height, format: "png", quality: 100 };
}

function formatOf(requested: unknown, fallback: ImageFormat): ImageFormat {
  if (requested === "jpg" || requested === "jpeg") return "jpeg";
  if (requested === "png" || requested === "webp") return requested;
  return fallback;
}

const BEHAVIOURS: Record<string, ModelBehaviour> = {
  "bytedance/sdxl-lightning-4step": {
    timing: { bootMs: 300, processingMs: 1200 },
    // seed: Input(default=None); None → 4 random bytes. 0 is an ordinary, fixed seed.
    pickSeed: (values) => (given(values.seed) ? values.seed : randomBytesSeed(4)),
    planImage: sdxlPlan,
  },
  "stability-ai/sdxl": {
    timing: { bootMs: 800, processingMs: 2800 },
    // None → 2 random bytes; 0 is an ordinary seed.
    pickSeed: (values) => (given(values.seed) ? values.seed : randomBytesSeed(2)),
    // With an image: img2img, or inpainting with a mask (white = repaint); the output has the
    // image's size and width/height are ignored (cog-sdxl predict.py).
    planImage: (values, inputs) => {
      const image = inputs.image;
      if (!image) return sdxlPlan(values);
      const derive = inputs.mask
        ? { kind: "inpaint" as const, source: "image", mask: "mask" }
        : { kind: "tint" as const, source: "image" };
      return { width: image.width, height: image.height, format: "png", quality: 100, derive };
    },
  },
  "nightmareai/real-esrgan": {
    timing: { bootMs: 300, processingMs: 1500 },
    pickSeed: () => 0,
    // Output is floor(input × scale); an RGBA input keeps its alpha.
    planImage: (values, inputs) => {
      const image = inputs.image;
      const scale = Number(values.scale);
      if (!image) return { error: "image is required" };
      const width = Math.floor(image.width * scale);
      const height = Math.floor(image.height * scale);
      if (width < 1 || height < 1) return { error: "ValueError: the scaled image would be empty" };
      if (width * height > 16384 * 16384) return { error: CUDA_OOM_MESSAGE };
      return { width, height, format: "png", quality: 100, derive: { kind: "upscale", source: "image" } };
    },
  },
  "lucataco/remove-bg": {
    timing: { bootMs: 300, processingMs: 800 },
    pickSeed: () => 0,
    // A PNG with transparency, the input's size.
    planImage: (_values, inputs) => {
      const image = inputs.image;
      if (!image) return { error: "image is required" };
      return { ...image, format: "png", quality: 100, derive: { kind: "cutout", source: "image" } };
    },
  },
  "black-forest-labs/flux-kontext-pro": {
    timing: { bootMs: 300, processingMs: 1800 },
    pickSeed: (values) => (given(values.seed) ? Math.abs(values.seed) : randomBytesSeed(2)),
    // match_input_image keeps the input's size; the edit is imitated as a tint of the input.
    planImage: (values, inputs) => {
      const image = inputs.input_image;
      const ratio = String(values.aspect_ratio ?? "match_input_image");
      const size =
        image && ratio === "match_input_image" ? image : ratioDimensions(ratio === "match_input_image" ? "1:1" : ratio);
      const format = formatOf(values.output_format, "png");
      const base = { width: size.width, height: size.height, format, quality: 90 };
      return image ? { ...base, derive: { kind: "tint", source: "input_image" } } : base;
    },
  },
  "black-forest-labs/flux-schnell": {
    timing: { bootMs: 400, processingMs: 1400 },
    // bf16 path: `if not seed` → random, so 0 is random too; fp8 path (go_fast): only None is.
    pickSeed: (values) => {
      const seed = values.seed;
      if (!given(seed) || (seed === 0 && values.go_fast === false)) return randomBytesSeed(2);
      return Math.abs(seed);
    },
    planImage: (values) => ({
      ...fluxDimensions(String(values.aspect_ratio), String(values.megapixels)),
      format: formatOf(values.output_format, "webp"),
      quality: Number(values.output_quality),
      // fp8 + torch.compile: "outputs will not be deterministic when this is enabled, even if you set a seed".
      varies: values.go_fast !== false,
    }),
  },
};

/** A model without an entry: sizes from width/height or aspect_ratio, a given seed or a random one. */
const generic: ModelBehaviour = {
  timing: { bootMs: 300, processingMs: 1200 },
  pickSeed: (values) => (given(values.seed) ? Math.abs(values.seed) : randomBytesSeed(2)),
  planImage: (values) => {
    const size =
      typeof values.width === "number" && typeof values.height === "number"
        ? { width: values.width, height: values.height }
        : ratioDimensions(String(values.aspect_ratio ?? "1:1"));
    if (!(size.width >= 16 && size.height >= 16 && size.width * size.height <= 4096 * 4096)) return { error: CUDA_OOM_MESSAGE };
    const quality = typeof values.output_quality === "number" ? values.output_quality : 90;
    return { ...size, format: formatOf(values.output_format, "png"), quality };
  },
};

export function behaviourOf(owner: string, name: string): ModelBehaviour {
  return BEHAVIOURS[`${owner}/${name}`] ?? generic;
}
