import { MAX_SEED } from "@/shared/model-form";
import type { FieldOverlay } from "../overlay";

// Choices several overlays share.

export const prompt: FieldOverlay = {
  label: "Prompt",
  help: "",
  required: true,
  maxLength: 2000,
  multiline: true,
  placeholder: "A red fox in a snowy forest, golden hour, 35mm photo",
};

export const negativePrompt: FieldOverlay = {
  label: "Negative prompt",
  help: "Things you do not want to see",
  maxLength: 2000,
  multiline: true,
  advanced: true,
};

export const seed: FieldOverlay = { seed: true, label: "Seed", max: MAX_SEED, advanced: true };

/**
 * SDXL's samplers by the names people know them by (`K_EULER` is Euler); the values sent stay
 * the schema's. SDXL Lightning's version adds one (see sdxl-lightning.ts).
 */
export const scheduler = {
  label: "Scheduler",
  help: "The sampler",
  advanced: true,
  optionLabels: {
    DPMSolverMultistep: "DPM-Solver multistep",
    HeunDiscrete: "Heun",
    KarrasDPM: "Karras DPM",
    K_EULER_ANCESTRAL: "Euler ancestral",
    K_EULER: "Euler",
  },
} as const satisfies FieldOverlay;

/** Output formats by their names, not their file extensions (each model offers some of them). */
export const formatNames = { jpg: "JPEG", png: "PNG", webp: "WebP" } as const;
