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
