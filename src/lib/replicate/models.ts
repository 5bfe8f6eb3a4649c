import type { z } from "zod";
import type { InputField, ModelFormSpec } from "@/shared/model-form";
import { inputSchemaFor } from "./input-fields";

// The pinned catalogue: the only place a model version appears. The browser names a key;
// anything else is rejected.

type ModelTarget =
  /** Community model, pinned by full version hash (sent as `owner/name:hash`). */
  | { kind: "version"; owner: string; name: string; version: string }
  /**
   * Official model: Replicate publishes no version hash and keeps its interface stable, so it
   * runs through the model route. The one documented exception; the version Replicate reports
   * is recorded on each generation instead.
   */
  | { kind: "official"; owner: string; name: string };

export type ModelEntry = ModelFormSpec & {
  target: ModelTarget;
  /** Estimated price, for the admin cost view: USD per second of predict time, plus per output. */
  pricing: { perSecondUsd: number; perOutputUsd: number };
};

const prompt: InputField = {
  kind: "text",
  name: "prompt",
  label: "Prompt",
  required: true,
  maxLength: 2000,
  multiline: true,
  placeholder: "A red fox in a snowy forest, golden hour, 35mm photo",
};
const negativePrompt: InputField = {
  kind: "text",
  name: "negative_prompt",
  label: "Negative prompt",
  maxLength: 2000,
  multiline: true,
  help: "Things you do not want to see",
  advanced: true,
};
const numOutputs: InputField = { kind: "integer", name: "num_outputs", label: "Images", min: 1, max: 4, default: 1 };
const seed: InputField = { kind: "seed", name: "seed", label: "Seed", help: "Leave empty for a random seed", advanced: true };
/** SDXL's width and height: multiples of 64 from 256 up to the model's own maximum. */
const sizeFields = (max: number): InputField[] =>
  (["width", "height"] as const).map((name) => ({
    kind: "integer",
    name,
    label: name === "width" ? "Width" : "Height",
    min: 256,
    max,
    default: 1024,
    step: 64,
  }));
const sdxlSchedulers = ["DDIM", "DPMSolverMultistep", "HeunDiscrete", "KarrasDPM", "K_EULER_ANCESTRAL", "K_EULER", "PNDM"];

export const models: readonly ModelEntry[] = [
  {
    key: "sdxl-lightning",
    label: "SDXL Lightning",
    description: "ByteDance's 4-step SDXL: an image in about two seconds.",
    target: {
      kind: "version",
      owner: "bytedance",
      name: "sdxl-lightning-4step",
      version: "5599ed30703defd1d160a25a63321b4dec97101d98b4674bcc56e41f62f35637",
    },
    fields: [
      prompt,
      negativePrompt,
      ...sizeFields(1280),
      numOutputs,
      {
        kind: "enum",
        name: "scheduler",
        label: "Scheduler",
        options: [...sdxlSchedulers, "DPM++2MSDE"],
        default: "K_EULER",
        advanced: true,
      },
      { kind: "integer", name: "num_inference_steps", label: "Steps", min: 1, max: 10, default: 4, advanced: true },
      { kind: "number", name: "guidance_scale", label: "Guidance scale", min: 0, max: 50, default: 0, step: 0.5, advanced: true },
      seed,
    ],
    pricing: { perSecondUsd: 0.000725, perOutputUsd: 0 },
  },
  {
    key: "sdxl",
    label: "SDXL",
    description: "Stability AI's SDXL 1.0: slower, more detailed, many knobs.",
    target: {
      kind: "version",
      owner: "stability-ai",
      name: "sdxl",
      version: "39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b",
    },
    fields: [
      prompt,
      negativePrompt,
      ...sizeFields(1536),
      numOutputs,
      { kind: "enum", name: "scheduler", label: "Scheduler", options: sdxlSchedulers, default: "K_EULER", advanced: true },
      { kind: "integer", name: "num_inference_steps", label: "Steps", min: 1, max: 500, default: 50, advanced: true },
      {
        kind: "number",
        name: "guidance_scale",
        label: "Guidance scale",
        min: 1,
        max: 50,
        default: 7.5,
        step: 0.5,
        advanced: true,
      },
      {
        kind: "enum",
        name: "refine",
        label: "Refiner",
        options: ["no_refiner", "expert_ensemble_refiner", "base_image_refiner"],
        default: "no_refiner",
        advanced: true,
      },
      { kind: "boolean", name: "apply_watermark", label: "Invisible watermark", default: true, advanced: true },
      seed,
    ],
    pricing: { perSecondUsd: 0.000725, perOutputUsd: 0 },
  },
  {
    key: "flux-schnell",
    label: "FLUX.1 [schnell]",
    description: "Black Forest Labs' fastest FLUX model (official model, billed per image).",
    target: { kind: "official", owner: "black-forest-labs", name: "flux-schnell" },
    fields: [
      prompt,
      {
        kind: "enum",
        name: "aspect_ratio",
        label: "Aspect ratio",
        options: ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21"],
        default: "1:1",
      },
      numOutputs,
      { kind: "enum", name: "output_format", label: "Format", options: ["webp", "jpg", "png"], default: "webp" },
      { kind: "integer", name: "output_quality", label: "Quality", min: 0, max: 100, default: 80, advanced: true },
      { kind: "integer", name: "num_inference_steps", label: "Steps", min: 1, max: 4, default: 4, advanced: true },
      { kind: "enum", name: "megapixels", label: "Megapixels", options: ["1", "0.25"], default: "1", advanced: true },
      { kind: "boolean", name: "go_fast", label: "Go fast", default: true, advanced: true },
      { kind: "boolean", name: "disable_safety_checker", label: "Disable safety checker", default: false, advanced: true },
      seed,
    ],
    pricing: { perSecondUsd: 0, perOutputUsd: 0.003 },
  },
];

export const DEFAULT_MODEL_KEY = "sdxl-lightning";
export const modelKeys = models.map((m) => m.key) as [string, ...string[]];

const byKey = new Map(models.map((m) => [m.key, m]));
const schemas = new Map(models.map((m) => [m.key, inputSchemaFor(m.fields)]));

export function findModel(key: string): ModelEntry | undefined {
  return byKey.get(key);
}

export function inputSchema(key: string): z.ZodType<Record<string, unknown>> | undefined {
  return schemas.get(key) as z.ZodType<Record<string, unknown>> | undefined;
}

/** The reference stored on a generation: `owner/name:hash`, or `owner/name` for official models. */
export function pinnedRef(model: ModelEntry): string {
  const t = model.target;
  return t.kind === "version" ? `${t.owner}/${t.name}:${t.version}` : `${t.owner}/${t.name}`;
}

export function estimateCostUsd(model: ModelEntry | undefined, predictSeconds: number, outputs: number): number {
  if (!model) return 0;
  return model.pricing.perSecondUsd * predictSeconds + model.pricing.perOutputUsd * outputs;
}

/** What the page needs to render each model's form: no versions, nothing secret. */
export function modelFormSpecs(): ModelFormSpec[] {
  return models.map(({ key, label, description, fields }) => ({ key, label, description, fields }));
}
