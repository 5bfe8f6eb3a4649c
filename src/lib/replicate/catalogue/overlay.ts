// A model's overlay: what the app chooses on top of the pinned version's own schema (its
// snapshot). Everything the model declares (types, enums, bounds, defaults, descriptions, order)
// comes from the snapshot; the overlay only names the catalogue entry, relabels, hides, tightens
// and groups, and prices. It can never loosen what the model accepts: derive-fields.ts refuses an
// overlay whose limits fall outside the schema's.

import type { ModelAction } from "@/shared/model-form";

export type FieldOverlay = {
  /** Not offered: the browser cannot send it, and the model's own default applies. */
  hidden?: true;
  label?: string;
  /** Help under the field; the schema's description when absent. */
  help?: string;
  /** Under "Advanced" (collapsed). */
  advanced?: boolean;
  /** The app requires it although the model does not (the schema default is then not used). */
  required?: true;
  /** Tighter bounds than the schema's (required where the schema declares none). */
  min?: number;
  max?: number;
  /** Integers only: values must be multiples of this (e.g. 64 for SDXL sizes). */
  multipleOf?: number;
  /** Numbers only: the spinner's step. */
  step?: number;
  /** Text only: the longest value accepted (default 2000 characters). */
  maxLength?: number;
  multiline?: boolean;
  placeholder?: string;
  /** The model's seed: shown as "empty = random", and the server picks and records one. */
  seed?: true;
  /** Offered only while the named enum input holds this value (see InputField's shownWhen). */
  shownWhen?: { field: string; is: string };
  /** File inputs only: this image is an inpainting mask painted over the named image input. */
  maskOf?: string;
  /** A subset of the schema's enum to offer. */
  options?: readonly string[];
  /**
   * Enums only: what an option reads as, by its schema value, for values that are machine words
   * (`no_refiner` → "None"). The value sent to the model stays the schema's.
   */
  optionLabels?: Readonly<Record<string, string>>;
};

export type Pricing = {
  /** USD per second of predict time (GPU-billed models). */
  perSecondUsd: number;
  /** USD per output image (models billed per image). */
  perOutputUsd: number;
  /** A typical predict time of a one-image run, for estimates made before a run. */
  typicalSeconds: number;
  /**
   * Predict time each image after the first adds (a batch of 4 on a per-second model takes longer
   * than one); 0 when absent, as for models that make one image a run.
   */
  secondsPerExtraOutput?: number;
  /**
   * The input that sets the denoising steps, for a model billed by time: `typicalSeconds` is at
   * its default, and the predict time grows in proportion to it.
   */
  stepsInput?: string;
};

type InputNames<S> = S extends { openapi_schema: { components: { schemas: { Input: { properties: infer P } } } } }
  ? Extract<keyof P, string>
  : string;

export type ModelOverlay<S = unknown> = {
  /** The catalogue key the browser sends. */
  key: string;
  label: string;
  description: string;
  /** The snapshot JSON (catalogue/snapshots/<owner>__<name>.json), imported as data. */
  snapshot: S;
  /** A tool's own verb for its submit button ("Upscale"); "Generate" when absent. Comparisons pair models with the same one. */
  action?: ModelAction;
  /** By input name; an input not listed is shown as the schema describes it. */
  fields: Partial<Record<InputNames<S>, FieldOverlay>>;
  pricing: Pricing;
};

/** Types the overlay's field names against the snapshot's inputs, so a typo fails to compile. */
export function defineOverlay<S>(overlay: ModelOverlay<S>): ModelOverlay {
  return overlay as ModelOverlay;
}
