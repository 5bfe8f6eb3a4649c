import { createHash } from "node:crypto";
import { fluxDimensions } from "./images";
import type { ImagePlan, InputProperty, ModelVersion } from "./models";

// The emulator's own copy of the model schemas in docs/replicate.md §9. It imports
// nothing from the product on purpose: if the product's catalogue drifts from these, tests notice.

type Range = { default?: number; minimum?: number; maximum?: number };
const text = (description: string, fallback?: string): InputProperty => ({
  type: "string",
  description,
  ...(fallback === undefined ? {} : { default: fallback }),
});
const int = (description: string, range: Range = {}): InputProperty => ({
  type: "integer",
  description,
  ...range,
});
const num = (description: string, range: Range): InputProperty => ({
  type: "number",
  description,
  ...range,
});
const bool = (description: string, fallback: boolean): InputProperty => ({
  type: "boolean",
  description,
  default: fallback,
});
const choice = (description: string, fallback: string, values: string[]): InputProperty => ({
  type: "string",
  description,
  default: fallback,
  enum: values,
});

const SDXL_SCHEDULERS = ["DDIM", "DPMSolverMultistep", "HeunDiscrete", "KarrasDPM", "K_EULER_ANCESTRAL", "K_EULER", "PNDM"];
const ASPECT_RATIOS = ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21"];

export const CUDA_OOM_MESSAGE =
  "CUDA out of memory. Tried to allocate 2.50 GiB (GPU 0; 39.39 GiB total capacity; " +
  "35.12 GiB already allocated; 1.02 GiB free; 36.80 GiB reserved in total by PyTorch)";

function sdxlPlan(values: Record<string, unknown>): ImagePlan | { error: string } {
  const width = Number(values.width);
  const height = Number(values.height);
  if (width <= 0 || height <= 0) return { error: "width and height must be positive integers" };
  // sdxl has no declared size limit; the real GPU runs out of memory, and so do we (on purpose).
  if (width * height > 2048 * 2048) return { error: CUDA_OOM_MESSAGE };
  return { width, height, format: "png", quality: 100 };
}

function fluxPlan(values: Record<string, unknown>): ImagePlan {
  const size = fluxDimensions(String(values.aspect_ratio), String(values.megapixels));
  const requested = String(values.output_format);
  const format = requested === "jpg" ? "jpeg" : requested === "png" ? "png" : "webp";
  return { ...size, format, quality: Number(values.output_quality) };
}

const numOutputs = int("Number of images to output.", { default: 1, minimum: 1, maximum: 4 });
const seed = int("Random seed. Leave blank to randomize the seed");

export const MODELS: readonly ModelVersion[] = [
  {
    owner: "bytedance",
    name: "sdxl-lightning-4step",
    versionId: "5599ed30703defd1d160a25a63321b4dec97101d98b4674bcc56e41f62f35637",
    official: false,
    description: "SDXL-Lightning by ByteDance: a fast text-to-image model (4 steps)",
    createdAt: "2024-02-22T19:16:57.123456Z",
    properties: {
      prompt: text("Input prompt"),
      negative_prompt: text("Input negative prompt", "worst quality, low quality"),
      width: int("Width of output image", { default: 1024, minimum: 256, maximum: 1280 }),
      height: int("Height of output image", { default: 1024, minimum: 256, maximum: 1280 }),
      num_outputs: numOutputs,
      scheduler: choice("scheduler", "K_EULER", [...SDXL_SCHEDULERS, "DPM++2MSDE"]),
      num_inference_steps: int("Number of inference steps", {
        default: 4,
        minimum: 1,
        maximum: 10,
      }),
      guidance_scale: num("Scale for classifier-free guidance", {
        default: 0,
        minimum: 0,
        maximum: 50,
      }),
      seed: int("Random seed. Set to 0 to randomize the seed", { default: 0 }),
    },
    required: ["prompt"],
    timing: { bootMs: 300, processingMs: 1200 },
    wantsRandomSeed: (value) => value === undefined || value === 0,
    planImage: sdxlPlan,
  },
  {
    owner: "stability-ai",
    name: "sdxl",
    versionId: "39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b",
    official: false,
    description: "A text-to-image generative AI model that creates beautiful images",
    createdAt: "2023-09-25T22:31:40.654321Z",
    properties: {
      prompt: text("Input prompt"),
      negative_prompt: text("Input Negative Prompt", ""),
      width: int("Width of output image", { default: 1024 }),
      height: int("Height of output image", { default: 1024 }),
      num_outputs: numOutputs,
      scheduler: choice("scheduler", "K_EULER", SDXL_SCHEDULERS),
      num_inference_steps: int("Number of denoising steps", {
        default: 50,
        minimum: 1,
        maximum: 500,
      }),
      guidance_scale: num("Scale for classifier-free guidance", {
        default: 7.5,
        minimum: 1,
        maximum: 50,
      }),
      seed,
      refine: choice("Which refine style to use", "no_refiner", ["no_refiner", "expert_ensemble_refiner", "base_image_refiner"]),
      apply_watermark: bool("Applies a watermark to the generated image", true),
    },
    required: ["prompt"],
    timing: { bootMs: 800, processingMs: 2800 },
    wantsRandomSeed: (value) => value === undefined,
    planImage: sdxlPlan,
  },
  {
    owner: "black-forest-labs",
    name: "flux-schnell",
    // Official models have no public version; this stable id is only reported, never accepted.
    versionId: createHash("sha256").update("black-forest-labs/flux-schnell").digest("hex"),
    official: true,
    description: "The fastest image generation model tailored for local development",
    createdAt: "2024-07-30T12:00:00.000000Z",
    properties: {
      prompt: text("Prompt for generated image"),
      aspect_ratio: choice("Aspect ratio for the generated image", "1:1", ASPECT_RATIOS),
      num_outputs: numOutputs,
      num_inference_steps: int("Number of denoising steps", { default: 4, minimum: 1, maximum: 4 }),
      seed,
      output_format: choice("Format of the output images", "webp", ["webp", "jpg", "png"]),
      output_quality: int("Quality of the output images", {
        default: 80,
        minimum: 0,
        maximum: 100,
      }),
      disable_safety_checker: bool("Disable safety checker for generated images", false),
      go_fast: bool("Run faster predictions with an fp8 quantized model", true),
      megapixels: choice("Approximate number of megapixels for generated image", "1", ["1", "0.25"]),
    },
    required: ["prompt"],
    timing: { bootMs: 400, processingMs: 1400 },
    wantsRandomSeed: (value) => value === undefined,
    planImage: fluxPlan,
  },
];
