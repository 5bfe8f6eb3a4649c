import snapshot from "../../../../../catalogue/snapshots/bytedance__sdxl-lightning-4step.json";
import { defineOverlay } from "../overlay";
import { negativePrompt, prompt, scheduler, seed } from "./common";

export const sdxlLightning = defineOverlay({
  key: "sdxl-lightning",
  label: "SDXL Lightning",
  description: "ByteDance's 4-step SDXL: an image in about two seconds.",
  snapshot,
  fields: {
    prompt,
    negative_prompt: negativePrompt,
    // diffusers needs sizes divisible by 8; steps of 64 keep the model on the sizes it was trained near.
    width: { label: "Width", multipleOf: 64 },
    height: { label: "Height", multipleOf: 64 },
    num_outputs: { label: "Images" },
    scheduler: { ...scheduler, optionLabels: { ...scheduler.optionLabels, "DPM++2MSDE": "DPM++ 2M SDE" } },
    num_inference_steps: { label: "Steps", advanced: true },
    guidance_scale: { label: "Guidance scale", step: 0.5, advanced: true },
    // This version draws a random seed only when none is sent; 0 is an ordinary, fixed seed.
    seed: { ...seed, min: 0, help: "Leave empty for a random seed" },
    disable_safety_checker: { hidden: true },
  },
  // Billed by GPU time; the hardware price is an estimate (docs/replicate.md §9).
  pricing: {
    perSecondUsd: 0.000725,
    perOutputUsd: 0,
    typicalSeconds: 1,
    secondsPerExtraOutput: 0.5,
    stepsInput: "num_inference_steps",
  },
});
