import snapshot from "../../../../../catalogue/snapshots/black-forest-labs__flux-kontext-pro.json";
import { defineOverlay } from "../overlay";
import { formatNames, prompt, seed } from "./common";

// Flagged like flux-schnell: an official model (run through the model route, version "hidden",
// billed per image) whose schema is reconstructed from public copies of its API page, and which
// the local emulator only imitates (its edits are a tint of the input, not an edit).
export const fluxKontextPro = defineOverlay({
  key: "flux-kontext-pro",
  label: "Edit by instruction (FLUX.1 Kontext [pro])",
  action: { label: "Edit", busy: "Editing…" },
  description: "Edits your image as you tell it to (official model, billed per image).",
  snapshot,
  fields: {
    prompt: { ...prompt, label: "Instruction", placeholder: "Make it a watercolour painting" },
    // The schema's help lists gif among the formats, which our uploads do not take.
    input_image: { label: "Image", required: true, help: "The picture to edit" },
    // The schema's help names its value ('match_input_image'); the form shows the option's label.
    aspect_ratio: {
      label: "Aspect ratio",
      help: "Aspect ratio of the edited image. “Match input image” keeps the shape of your image.",
      optionLabels: { match_input_image: "Match input image" },
    },
    output_format: { label: "Format", optionLabels: { jpg: formatNames.jpg, png: formatNames.png } },
    // The model takes at most 2 with an input image, and this tool always has one.
    safety_tolerance: { label: "Safety tolerance", max: 2, advanced: true },
    prompt_upsampling: { label: "Prompt upsampling", advanced: true },
    seed: { ...seed, min: 0 },
  },
  pricing: { perSecondUsd: 0, perOutputUsd: 0.04, typicalSeconds: 5 },
});
