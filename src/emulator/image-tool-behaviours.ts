import { ratioDimensions } from "./images";
import { CUDA_OOM_MESSAGE, formatOf, given, type ModelBehaviour, randomBytesSeed } from "./model-behaviour";

// The image tools (each from its Cog code; docs/replicate.md §9): their output is made from the
// downloaded input (images.ts Derivation), so a test can tell the input was used.

export const IMAGE_TOOLS: Record<string, ModelBehaviour> = {
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
};
