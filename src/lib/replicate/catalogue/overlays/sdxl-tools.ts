import type { FieldOverlay } from "../overlay";
import { negativePrompt, prompt, scheduler, seed } from "./common";

// What SDXL's image tools share with each other (the pinned SDXL version's own `image`, `mask` and
// `prompt_strength` inputs; see sdxl-img2img.ts and sdxl-inpaint.ts). With an image, the output has
// the image's size, so width and height are not offered.
export const sdxlImageToolFields = {
  prompt,
  negative_prompt: negativePrompt,
  image: { label: "Image", required: true, help: "The picture to start from" },
  prompt_strength: {
    label: "Prompt strength",
    step: 0.05,
    help: "How far to move away from the image: 0 keeps it, 1 ignores it",
  },
  width: { hidden: true },
  height: { hidden: true },
  num_outputs: { label: "Images" },
  scheduler,
  num_inference_steps: { label: "Steps", advanced: true },
  guidance_scale: { label: "Guidance scale", step: 0.5, advanced: true },
  seed: { ...seed, min: 0 },
  refine: { hidden: true },
  high_noise_frac: { hidden: true },
  refine_steps: { hidden: true },
  apply_watermark: { label: "Invisible watermark", advanced: true },
  lora_scale: { hidden: true },
  replicate_weights: { hidden: true },
  disable_safety_checker: { hidden: true },
} as const satisfies Record<string, FieldOverlay>;

/** The pinned SDXL version's price, for the text model and its image tools alike (one version, one GPU). */
export const sdxlPricing = {
  perSecondUsd: 0.000725,
  perOutputUsd: 0,
  typicalSeconds: 5,
  secondsPerExtraOutput: 4,
  stepsInput: "num_inference_steps",
};
