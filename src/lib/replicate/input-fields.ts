import { z } from "zod";

// A model's inputs are declared once as fields; the request schema (zod) and the
// form the page renders are both derived from them, so they cannot drift apart.

type FieldBase = { name: string; label: string; help?: string; advanced?: boolean };

export type InputField =
  | (FieldBase & { kind: "text"; required?: boolean; maxLength: number; multiline?: boolean; placeholder?: string })
  | (FieldBase & { kind: "enum"; options: readonly string[]; default: string })
  | (FieldBase & { kind: "integer"; min: number; max: number; default: number; step?: number })
  | (FieldBase & { kind: "number"; min: number; max: number; default: number; step: number })
  | (FieldBase & { kind: "boolean"; default: boolean })
  | (FieldBase & { kind: "seed" });

export const MAX_SEED = 2_147_483_647;

function fieldSchema(field: InputField): z.ZodType {
  switch (field.kind) {
    case "text": {
      const text = z
        .string({ error: "Must be text" })
        .trim()
        .max(field.maxLength, { error: `Must be at most ${field.maxLength} characters` });
      return field.required ? text.min(1, { error: "Required" }) : text.optional();
    }
    case "enum":
      return z
        .enum(field.options as [string, ...string[]], { error: `Must be one of: ${field.options.join(", ")}` })
        .default(field.default);
    case "integer":
      return z
        .number({ error: "Must be a number" })
        .int({ error: "Must be a whole number" })
        .min(field.min, { error: `Must be at least ${field.min}` })
        .max(field.max, { error: `Must be at most ${field.max}` })
        .default(field.default);
    case "number":
      return z
        .number({ error: "Must be a number" })
        .min(field.min, { error: `Must be at least ${field.min}` })
        .max(field.max, { error: `Must be at most ${field.max}` })
        .default(field.default);
    case "boolean":
      return z.boolean({ error: "Must be true or false" }).default(field.default);
    case "seed":
      return z
        .number({ error: "Must be a number" })
        .int({ error: "Must be a whole number" })
        .min(1, { error: "Must be at least 1" })
        .max(MAX_SEED, { error: `Must be at most ${MAX_SEED}` })
        .optional();
  }
}

/** Strict: unknown input names are rejected rather than forwarded to Replicate. */
export function inputSchemaFor(fields: readonly InputField[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) shape[field.name] = fieldSchema(field);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown input: ${issue.keys.join(", ")}` : "Must be an object"),
  });
}
