import { GENERATE_ACTION, type ModelFormSpec, type ModelSpecView, stepsScale } from "@/shared/model-form";
import { deriveInputs } from "./catalogue/derive-fields";
import { type InputSchema, inputSchemaFor, jsonSchemaOf } from "./catalogue/input-schema";
import type { ModelOverlay, Pricing } from "./catalogue/overlay";
import { fluxKontextPro } from "./catalogue/overlays/flux-kontext-pro";
import { fluxSchnell } from "./catalogue/overlays/flux-schnell";
import { removeBg } from "./catalogue/overlays/remove-bg";
import { sdxl } from "./catalogue/overlays/sdxl";
import { sdxlImg2img } from "./catalogue/overlays/sdxl-img2img";
import { sdxlInpaint } from "./catalogue/overlays/sdxl-inpaint";
import { sdxlLightning } from "./catalogue/overlays/sdxl-lightning";
import { upscale } from "./catalogue/overlays/upscale";
import { type SchemaProperty, schemaProperties } from "./catalogue/schema-properties";
import { modelRef, parseSnapshot, type Snapshot } from "./catalogue/snapshot";

// The catalogue the app offers: one overlay per model over its committed snapshot
// (catalogue/snapshots/, the only place a version appears; see catalogue/README.md). The browser
// names a key; anything else is rejected. Adding a model: `npm run models:add`, an overlay in
// ./catalogue/overlays/, and a line below.

const OVERLAYS: readonly ModelOverlay[] = [
  sdxlLightning,
  sdxl,
  fluxSchnell,
  sdxlImg2img,
  sdxlInpaint,
  upscale,
  removeBg,
  fluxKontextPro,
];

type ModelTarget =
  /** Community model, pinned by full version hash (sent as `owner/name:hash`). */
  | { kind: "version"; owner: string; name: string; version: string }
  /**
   * Official model: Replicate keeps its interface stable and runs it through the model route.
   * The version Replicate reports is recorded on each generation instead.
   */
  | { kind: "official"; owner: string; name: string };

export type ModelEntry = Omit<ModelFormSpec, "estimateUsd"> & {
  target: ModelTarget;
  /** The pinned version's inputs, as its schema declares them. */
  properties: readonly SchemaProperty[];
  /** Inputs of the schema the app does not offer (the model's default applies). */
  hidden: readonly string[];
  pricing: Pricing;
};

function targetOf(snapshot: Snapshot): ModelTarget {
  const { owner, name, official, version } = snapshot;
  if (official) return { kind: "official", owner, name };
  return { kind: "version", owner, name, version: version.id ?? "" };
}

/** Steps scale a time-billed price only, through an integer input with a default (the typical run's). */
function checkStepsInput(key: string, pricing: Pricing, fields: ModelEntry["fields"]): void {
  if (!pricing.stepsInput) return;
  const field = fields.find((f) => f.name === pricing.stepsInput);
  if (field?.kind !== "integer" || !field.default)
    throw new Error(`${key}: pricing.stepsInput must name an integer input with a default`);
  if (pricing.perOutputUsd !== 0) throw new Error(`${key}: pricing.stepsInput is for a model billed by time only`);
}

function entryOf(overlay: ModelOverlay): ModelEntry {
  const snapshot = parseSnapshot(overlay.snapshot, overlay.key);
  const properties = schemaProperties(snapshot);
  const { fields, hidden } = deriveInputs(`${overlay.key} (${modelRef(snapshot)})`, properties, overlay.fields);
  checkStepsInput(overlay.key, overlay.pricing, fields);
  const { key, label, description, pricing, action = GENERATE_ACTION } = overlay;
  return { key, label, description, fields, action, target: targetOf(snapshot), properties, hidden, pricing };
}

export const models: readonly ModelEntry[] = OVERLAYS.map(entryOf);

export const DEFAULT_MODEL_KEY = "sdxl-lightning";
export const modelKeys = models.map((m) => m.key) as [string, ...string[]];

const byKey = new Map(models.map((m) => [m.key, m]));
const schemas = new Map(models.map((m) => [m.key, inputSchemaFor(m.fields)]));

export function findModel(key: string): ModelEntry | undefined {
  return byKey.get(key);
}

/** The server's validation of a model's input (strict; defaults filled in). */
export function inputSchema(key: string): InputSchema | undefined {
  return schemas.get(key);
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

/** A typical predict time for `outputs` images: the one-image time plus each further image's share. */
function typicalRunSeconds(pricing: Pricing, outputs: number): number {
  return pricing.typicalSeconds + (pricing.secondsPerExtraOutput ?? 0) * Math.max(0, outputs - 1);
}

/**
 * A run's cost before it happens: the typical predict time for that many outputs (scaled by the
 * steps `input` asks for: stepsScale), and their price. What a create reserves.
 */
export function estimateRunUsd(model: ModelEntry, outputs: number, input: Readonly<Record<string, unknown>>): number {
  const seconds = typicalRunSeconds(model.pricing, outputs) * stepsScale(model.fields, model.pricing.stepsInput, input);
  return estimateCostUsd(model, seconds, outputs);
}

/** What the page needs to render each model's form: no versions, nothing secret. */
export function modelFormSpecs(): ModelFormSpec[] {
  return models.map((model) => {
    const { key, label, description, fields, action } = model;
    // estimateRunUsd is linear in the image count: its figures for 1 and 2 images at the default
    // steps give the form's run + image × n exactly, and the form scales them by the steps as the
    // server does, so it shows what the server reserves.
    const one = estimateRunUsd(model, 1, {});
    const image = estimateRunUsd(model, 2, {}) - one;
    const { stepsInput } = model.pricing;
    return {
      key,
      label,
      description,
      fields,
      action,
      estimateUsd: { run: one - image, image, ...(stepsInput ? { stepsInput } : {}) },
    };
  });
}

/** GET /api/models: the form specs plus each model's input JSON Schema (the one the server validates with). */
export function modelSpecViews(): ModelSpecView[] {
  return modelFormSpecs().map((spec) => ({ ...spec, inputSchema: jsonSchemaOf(schemas.get(spec.key) as InputSchema) }));
}
