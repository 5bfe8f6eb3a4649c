// What a browser needs to render a model's form, and nothing more (no versions, no raw prices:
// only the estimate a user is shown before running).
// The fields are derived on the server from the pinned version's own schema and the model's
// overlay (src/lib/replicate/catalogue/); the server's request schema comes from the same fields,
// so the form and the validation cannot drift apart.

type FieldBase = {
  name: string;
  label: string;
  help?: string;
  advanced?: boolean;
  /** Must be given; otherwise an empty field is left out and the model's default applies. */
  required?: boolean;
  /**
   * Offered only while the enum input `field` holds `is` (a refiner's settings with that refiner);
   * otherwise not shown, not checked and not sent (the model's default applies).
   */
  shownWhen?: { field: string; is: string };
};

export type InputField =
  | (FieldBase & { kind: "text"; maxLength: number; multiline?: boolean; placeholder?: string; default?: string })
  /**
   * `options` are the schema's values (what is sent); `optionLabels` what a person reads for those
   * that are machine words (`match_input_image` → "Match input image"). `numeric`: the options are
   * numbers, shown and held as text.
   */
  | (FieldBase & {
      kind: "enum";
      options: readonly string[];
      optionLabels?: Readonly<Record<string, string>>;
      numeric?: boolean;
      default?: string;
    })
  | (FieldBase & { kind: "integer"; min: number; max: number; multipleOf?: number; default?: number })
  /** `step` only sizes the spinner's steps; any value within min-max is valid. */
  | (FieldBase & { kind: "number"; min: number; max: number; step?: number; default?: number })
  | (FieldBase & { kind: "boolean"; default?: boolean })
  /** The model's seed: empty means random (the server then picks one and records it). */
  | (FieldBase & { kind: "seed"; min: number; max: number })
  /**
   * A file input (`format: uri`): the URL of one of the caller's own uploads or outputs.
   * `role: "mask"`: an inpainting mask, painted over the field named `maskOf`.
   */
  | (FieldBase & { kind: "image"; role?: "mask"; maskOf?: string });

/** What a person reads for one of an enum field's values: its label, or the value itself. */
export function optionLabel(field: InputField & { kind: "enum" }, value: string): string {
  const labels = field.optionLabels;
  return labels !== undefined && Object.hasOwn(labels, value) ? (labels[value] ?? value) : value;
}

/** A field's value among `values`, or its default when it is left empty (undefined with neither). */
function valueOrDefault(field: InputField | undefined, values: Readonly<Record<string, unknown>>): unknown {
  if (!field) return undefined;
  const given = values[field.name];
  return given === undefined || given === "" ? ("default" in field ? field.default : undefined) : given;
}

/** The fields that apply with these values: those whose `shownWhen` holds (a value, or else its field's default). */
export function fieldsInUse<F extends InputField>(fields: readonly F[], values: Readonly<Record<string, unknown>>): F[] {
  return fields.filter((field) => {
    const when = field.shownWhen;
    if (!when) return true;
    const value = valueOrDefault(
      fields.find((f) => f.name === when.field),
      values,
    );
    // A numeric enum's stored value is a number; `is` names it as text.
    return value !== undefined && String(value) === when.is;
  });
}

/** The largest seed the app sends (a signed 32-bit integer, which every catalogued model takes). */
export const MAX_SEED = 2_147_483_647;

export type ModelFormSpec = {
  /** The catalogue key the browser sends. */
  key: string;
  label: string;
  description: string;
  fields: readonly InputField[];
  /**
   * A typical run's estimated cost in USD: `run` for the run itself plus `image` per image asked
   * for; with `stepsInput` (a model billed by time), that times the steps asked for over that
   * input's default (stepsScale).
   */
  estimateUsd: { run: number; image: number; stepsInput?: string };
  /** The job it does, as its submit button says it: a tool's own verb, else "Generate". */
  action: ModelAction;
};

/** A model's job in words: the submit button's label, and what it says while the run starts. */
export type ModelAction = { label: string; busy: string };
export const GENERATE_ACTION: ModelAction = { label: "Generate", busy: "Generating…" };

/**
 * A run's estimated cost before it starts, for `images` images and the run's values (its steps;
 * the server reserves the same: src/lib/replicate/models.ts estimateRunUsd).
 */
export function estimateBeforeRun(
  spec: Pick<ModelFormSpec, "estimateUsd" | "fields">,
  images: number,
  values: Readonly<Record<string, unknown>>,
): number {
  const { run, image, stepsInput } = spec.estimateUsd;
  return (run + image * images) * stepsScale(spec.fields, stepsInput, values);
}

/**
 * What a comparison's other models are sent from the first one's values: the form leaves out a
 * value equal to its field's default (the server then fills in each model's own), so a
 * compared model's estimate must not read the first model's default as a choice (Lightning's 4
 * steps are not 4 steps on SDXL, whose default is 50).
 */
export function chosenValues(fields: readonly InputField[], values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const isDefault = (field: InputField | undefined, value: unknown): boolean => {
    if (!field || !("default" in field) || field.default === undefined) return false;
    const raw = String(value).trim();
    return typeof field.default === "number" ? raw !== "" && Number(raw) === field.default : raw === String(field.default);
  };
  return Object.fromEntries(
    Object.entries(values).filter(
      ([name, value]) =>
        !isDefault(
          fields.find((f) => f.name === name),
          value,
        ),
    ),
  );
}

/**
 * How much longer than a typical run a run takes for the denoising steps it asks for: the steps
 * over the steps input's default (500 steps where 50 is usual: 10×). 1 without such an input, or
 * for a value that is not a positive number (the form then shows its own error).
 */
export function stepsScale(
  fields: readonly InputField[],
  stepsInput: string | undefined,
  values: Readonly<Record<string, unknown>>,
): number {
  const field = fields.find((f) => f.name === stepsInput);
  if (field?.kind !== "integer" || !field.default) return 1;
  const steps = Number(valueOrDefault(field, values));
  return Number.isFinite(steps) && steps > 0 ? steps / field.default : 1;
}

/** How many images a run with these values asks for: its `num_outputs`, or that field's default; 1 without one. */
export function imagesAsked(spec: Pick<ModelFormSpec, "fields">, values: Readonly<Record<string, unknown>>): number {
  const n = Number(
    valueOrDefault(
      spec.fields.find((f) => f.name === "num_outputs"),
      values,
    ) ?? 1,
  );
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** `GET /api/models`: each model's form, plus the JSON Schema the server validates its input with. */
export type ModelSpecView = ModelFormSpec & { inputSchema: Record<string, unknown> };

/** The model has a seed input: a run can be repeated with its seed, or varied by a new one. */
export const takesSeed = (spec: Pick<ModelFormSpec, "fields">): boolean => spec.fields.some((f) => f.kind === "seed");

/**
 * Why two models cannot be compared: a field one of them requires that the other does not have,
 * or different jobs (an upscale beside a background removal answers no one question).
 */
export type CompareMismatch = { reason: "input"; field: InputField; requiredBy: "base" | "other" } | { reason: "job" };
type Comparable = Pick<ModelFormSpec, "fields" | "action">;

const required = (spec: Pick<ModelFormSpec, "fields">) => spec.fields.filter((f) => f.required);
const has = (spec: Pick<ModelFormSpec, "fields">, field: InputField) =>
  spec.fields.some((f) => f.kind === field.kind && f.name === field.name);

/**
 * What keeps `other` from running beside `base` in a comparison, or null when nothing does. A
 * comparison is like for like: both do the same job (their action), the group shares `base`'s
 * input by field name, so every field `other` requires must be one `base` has (a prompt alone
 * cannot feed a tool that needs an image), and every field `base` requires must be one `other`
 * has (a tool that ignores the prompt, or a text model that ignores the image, would not be
 * answering the same request).
 */
export function compareMismatch(base: Comparable, other: Comparable): CompareMismatch | null {
  const missing = required(other).find((f) => !has(base, f));
  if (missing) return { reason: "input", field: missing, requiredBy: "other" };
  const ignored = required(base).find((f) => !has(other, f));
  if (ignored) return { reason: "input", field: ignored, requiredBy: "base" };
  return base.action.label === other.action.label ? null : { reason: "job" };
}

/**
 * The first two of `models` (in their order) that cannot run side by side, and why; null when
 * every pair can. Each pair is checked, since the rule is not transitive: two models can each go
 * with a third (one that takes an image without requiring it) and not with each other.
 */
export function groupMismatch<T extends Comparable>(
  models: readonly T[],
): { base: T; other: T; mismatch: CompareMismatch } | null {
  for (const [i, base] of models.entries()) {
    for (const other of models.slice(i + 1)) {
      const mismatch = compareMismatch(base, other);
      if (mismatch) return { base, other, mismatch };
    }
  }
  return null;
}

/** Whether `other` can run beside `base` in a comparison (see compareMismatch). */
export function canCompareWith(base: Comparable, other: Comparable): boolean {
  return compareMismatch(base, other) === null;
}
