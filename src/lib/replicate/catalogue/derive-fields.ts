import type { InputField } from "@/shared/model-form";
import type { FieldOverlay } from "./overlay";
import type { SchemaProperty } from "./schema-properties";

// Schema + overlay → the form's fields. Every schema input becomes a field or is hidden by the
// overlay; anything the overlay gets wrong (an unknown name, a looser limit, a hidden required
// input, an unbounded number) throws when the catalogue loads, so tests and startup catch it.

export const DEFAULT_MAX_TEXT = 2000;

export type DerivedInputs = { fields: InputField[]; hidden: string[] };

type Base = { name: string; label: string; help?: string; advanced?: boolean; required?: boolean };

function bounds(p: SchemaProperty, o: FieldOverlay, fail: (why: string) => never): { min: number; max: number } {
  const min = o.min ?? p.minimum;
  const max = o.max ?? p.maximum;
  if (min === undefined || max === undefined) fail("the schema declares no bounds: give min and max in the overlay");
  if (p.minimum !== undefined && min < p.minimum) fail(`min ${min} is below the schema's minimum ${p.minimum}`);
  if (p.maximum !== undefined && max > p.maximum) fail(`max ${max} is above the schema's maximum ${p.maximum}`);
  if (min > max) fail(`min ${min} is above max ${max}`);
  return { min, max };
}

function numericField(p: SchemaProperty, o: FieldOverlay, base: Base, fail: (why: string) => never): InputField {
  const { min, max } = bounds(p, o, fail);
  if (o.seed) {
    if (p.type !== "integer") fail("a seed must be an integer input");
    return { ...base, kind: "seed", min, max };
  }
  const fallback = base.required ? undefined : (p.default as number | undefined);
  if (fallback !== undefined && (fallback < min || fallback > max)) fail(`the default ${fallback} is outside ${min}-${max}`);
  // What an integer and a number field share; each adds its own granularity.
  const common = { ...base, min, max, ...(fallback === undefined ? {} : { default: fallback }) };
  if (p.kind === "integer") {
    if (o.multipleOf !== undefined && (!Number.isInteger(o.multipleOf) || o.multipleOf < 1)) fail("multipleOf must be >= 1");
    if (o.multipleOf !== undefined && fallback !== undefined && fallback % o.multipleOf !== 0) {
      fail(`the default ${fallback} is not a multiple of ${o.multipleOf}`);
    }
    return { ...common, kind: "integer", ...(o.multipleOf === undefined ? {} : { multipleOf: o.multipleOf }) };
  }
  return { ...common, kind: "number", ...(o.step === undefined ? {} : { step: o.step }) };
}

function enumField(p: SchemaProperty, o: FieldOverlay, base: Base, fail: (why: string) => never): InputField {
  const all = (p.options ?? []).map(String);
  const options = o.options ?? all;
  for (const option of options) if (!all.includes(option)) fail(`option ${option} is not in the schema's enum`);
  if (options.length === 0) fail("no options to offer");
  const fallback = base.required || p.default === undefined ? undefined : String(p.default);
  if (fallback !== undefined && !options.includes(fallback)) fail(`the default ${fallback} is not offered`);
  const labels = o.optionLabels;
  if (labels !== undefined) {
    for (const [value, label] of Object.entries(labels)) {
      if (!options.includes(value)) fail(`option ${value} is labelled but not offered`);
      if (label.trim() === "") fail(`option ${value} has an empty label`);
    }
    const shown = options.map((value) => labels[value] ?? value);
    const twice = shown.find((label, i) => shown.indexOf(label) !== i);
    if (twice !== undefined) fail(`two options read ${twice}`);
  }
  return {
    ...base,
    kind: "enum",
    options,
    ...(labels === undefined ? {} : { optionLabels: labels }),
    ...(p.type === "integer" || p.type === "number" ? { numeric: true } : {}),
    ...(fallback === undefined ? {} : { default: fallback }),
  };
}

function fieldFor(p: SchemaProperty, o: FieldOverlay, fail: (why: string) => never): InputField {
  if (o.optionLabels !== undefined && p.kind !== "enum") fail("optionLabels is for enum inputs only");
  const help = o.help ?? p.description;
  const base: Base = {
    name: p.name,
    label: o.label ?? p.title,
    ...(help ? { help } : {}),
    ...(o.advanced ? { advanced: true } : {}),
    ...(o.required || p.required ? { required: true } : {}),
    ...(o.shownWhen ? { shownWhen: o.shownWhen } : {}),
  };
  switch (p.kind) {
    case "text": {
      const maxLength = o.maxLength ?? DEFAULT_MAX_TEXT;
      const fallback = base.required ? undefined : (p.default as string | undefined);
      if (fallback !== undefined && fallback.length > maxLength) fail(`the default is longer than ${maxLength}`);
      return {
        ...base,
        kind: "text",
        maxLength,
        ...(o.multiline ? { multiline: true } : {}),
        ...(o.placeholder ? { placeholder: o.placeholder } : {}),
        ...(fallback === undefined ? {} : { default: fallback }),
      };
    }
    case "enum":
      return enumField(p, o, base, fail);
    case "integer":
    case "number":
      return numericField(p, o, base, fail);
    case "boolean":
      return { ...base, kind: "boolean", ...(typeof p.default === "boolean" && !base.required ? { default: p.default } : {}) };
    case "file":
      // Only the caller's own uploads and outputs are accepted (resolved when a generation is created).
      return { ...base, kind: "image", ...(o.maskOf ? { role: "mask" as const, maskOf: o.maskOf } : {}) };
    case "unsupported":
      return fail(`the app cannot represent ${p.unsupported}: hide it in the overlay`);
  }
}

/** The fields of one model's form, in the schema's order, and the inputs its overlay hides. */
export function deriveInputs(
  model: string,
  properties: readonly SchemaProperty[],
  overlay: Partial<Record<string, FieldOverlay>>,
): DerivedInputs {
  const names = new Set(properties.map((p) => p.name));
  for (const name of Object.keys(overlay)) {
    if (!names.has(name)) throw new Error(`${model}: the overlay names ${name}, which is not an input of the pinned version`);
  }
  const fields: InputField[] = [];
  const hidden: string[] = [];
  for (const p of properties) {
    const o = overlay[p.name] ?? {};
    const fail = (why: string): never => {
      throw new Error(`${model}: input ${p.name}: ${why}`);
    };
    if (o.hidden) {
      if (p.required) fail("the model requires it, so it cannot be hidden");
      hidden.push(p.name);
    } else {
      fields.push(fieldFor(p, o, fail));
    }
  }
  for (const field of fields) checkShownWhen(model, field, fields);
  return { fields, hidden };
}

/** A field offered only with another's value names an enum field of the form, one of its options, and is not required. */
function checkShownWhen(model: string, field: InputField, fields: readonly InputField[]): void {
  const when = field.shownWhen;
  if (!when) return;
  const other = fields.find((f) => f.name === when.field);
  const fail = (why: string): never => {
    throw new Error(`${model}: input ${field.name}: shownWhen ${why}`);
  };
  if (field.required) fail("cannot hide a required input");
  if (other?.kind !== "enum") fail(`names ${when.field}, which is not an enum field of the form`);
  else if (!other.options.includes(when.is)) fail(`names ${when.is}, which ${when.field} does not offer`);
}
