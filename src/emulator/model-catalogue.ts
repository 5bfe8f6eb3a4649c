import { IMAGE_TOOLS } from "./image-tool-behaviours";
import { fluxDimensions, ratioDimensions } from "./images";
import { CUDA_OOM_MESSAGE, formatOf, given, type ImagePlan, type ModelBehaviour, randomBytesSeed } from "./model-behaviour";

export { CUDA_OOM_MESSAGE, type ImagePlan, type ModelBehaviour } from "./model-behaviour";

// How each emulated model behaves when it runs: how long it takes, which seed it uses when none is
// given, and what image it renders. The inputs themselves (schema, defaults, validation) come from
// the snapshots in catalogue/snapshots (see snapshots.ts). Each rule here is what the model's own
// Cog code does at the pinned version (sources in docs/replicate.md §9); a model with no entry
// gets a generic behaviour read off its inputs.

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

const BEHAVIOURS: Record<string, ModelBehaviour> = {
  ...IMAGE_TOOLS,
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
