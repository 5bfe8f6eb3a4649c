import snapshot from "../../../../../catalogue/snapshots/black-forest-labs__flux-schnell.json";
import { defineOverlay } from "../overlay";
import { formatNames, prompt, seed } from "./common";

export const fluxSchnell = defineOverlay({
  key: "flux-schnell",
  label: "FLUX.1 [schnell]",
  description: "Black Forest Labs' fastest FLUX model (official model, billed per image).",
  snapshot,
  fields: {
    prompt,
    aspect_ratio: { label: "Aspect ratio" },
    num_outputs: { label: "Images" },
    num_inference_steps: { label: "Steps", advanced: true },
    // 0 means "random" to this model (`if not seed`), so seeds start at 1 and the recorded seed is the one used.
    seed: {
      ...seed,
      min: 1,
      help: "Leave empty for a random seed. The same seed gives the same image only with Go fast off.",
    },
    output_format: { label: "Format", optionLabels: formatNames },
    output_quality: { label: "Quality", advanced: true },
    disable_safety_checker: { label: "Disable safety checker", advanced: true },
    go_fast: {
      label: "Go fast",
      help: "Runs an fp8-quantised model: faster, but images vary even with a fixed seed",
      advanced: true,
    },
    megapixels: { label: "Megapixels", advanced: true },
  },
  pricing: { perSecondUsd: 0, perOutputUsd: 0.003, typicalSeconds: 1 },
});
