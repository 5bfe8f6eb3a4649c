import snapshot from "../../../../../catalogue/snapshots/stability-ai__sdxl.json";
import { defineOverlay } from "../overlay";
import { negativePrompt, prompt, scheduler, seed } from "./common";
import { sdxlPricing } from "./sdxl-tools";

export const sdxl = defineOverlay({
  key: "sdxl",
  label: "SDXL",
  description: "Stability AI's SDXL 1.0: slower, more detailed, many knobs.",
  snapshot,
  fields: {
    prompt,
    negative_prompt: negativePrompt,
    // Image-to-image and inpainting are their own tools (sdxl-img2img.ts, sdxl-inpaint.ts).
    image: { hidden: true },
    mask: { hidden: true },
    prompt_strength: { hidden: true },
    // The schema sets no bounds; diffusers needs multiples of 8 and memory runs out past ~2048².
    width: { label: "Width", min: 256, max: 1536, multipleOf: 64 },
    height: { label: "Height", min: 256, max: 1536, multipleOf: 64 },
    num_outputs: { label: "Images" },
    scheduler,
    num_inference_steps: { label: "Steps", advanced: true },
    guidance_scale: { label: "Guidance scale", step: 0.5, advanced: true },
    // Omitted means random (0-65535); 0 is an ordinary seed.
    seed: { ...seed, min: 0 },
    refine: {
      label: "Refiner",
      advanced: true,
      optionLabels: { no_refiner: "None", expert_ensemble_refiner: "Expert ensemble", base_image_refiner: "Base image" },
    },
    // The schema's help names the refine values and num_inference_steps; these name what the form shows.
    high_noise_frac: {
      label: "Refiner noise",
      step: 0.05,
      advanced: true,
      shownWhen: { field: "refine", is: "expert_ensemble_refiner" },
      help: "With the Expert ensemble refiner: the fraction of noise to use",
    },
    refine_steps: {
      label: "Refiner steps",
      min: 1,
      max: 500,
      advanced: true,
      shownWhen: { field: "refine", is: "base_image_refiner" },
      help: "With the Base image refiner: how many steps to refine (the Steps setting when empty)",
    },
    apply_watermark: {
      label: "Invisible watermark",
      help: "Marks the image so tools can tell it was generated",
      advanced: true,
    },
    // LoRA inputs matter only for fine-tuned weights, and replicate_weights is a URL Replicate
    // would download: never offered.
    lora_scale: { hidden: true },
    replicate_weights: { hidden: true },
    disable_safety_checker: { hidden: true },
  },
  pricing: sdxlPricing,
});
