import { z } from "zod";
import type { InputField } from "@/shared/model-form";

// The request schema (zod) of one model, built from the same fields as its form. Its JSON Schema
// (`z.toJSONSchema`) is what GET /api/models publishes as `inputSchema`, so the published schema
// and the validation are one object. Nothing here transforms a value: what passes is sent as is,
// with the defaults filled in.

/** A missing required input says so; a present one of the wrong type says what it must be. */
const typeError = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "Required" : message),
});

const withMeta = <T extends z.ZodType>(schema: T, field: InputField): T =>
  schema.meta({ title: field.label, ...(field.help ? { description: field.help } : {}) });

function optionality<T extends z.ZodType>(schema: T, field: InputField, fallback: unknown) {
  if (fallback !== undefined) return schema.default(fallback as never);
  return field.required ? schema : schema.optional();
}

function integer(min: number, max: number) {
  return z
    .number({ error: "Must be a number" })
    .int({ error: "Must be a whole number" })
    .min(min, { error: `Must be at least ${min}` })
    .max(max, { error: `Must be at most ${max}` });
}

function fieldSchema(field: InputField): z.ZodType {
  switch (field.kind) {
    case "text": {
      let text = z
        .string(typeError("Must be text"))
        .max(field.maxLength, { error: `Must be at most ${field.maxLength} characters` });
      // Required text must say something: whitespace alone is refused (JSON Schema: minLength + pattern).
      if (field.required) text = text.min(1, { error: "Required" }).regex(/\S/, { error: "Required" });
      return optionality(text, field, field.default);
    }
    case "enum": {
      const message = typeError(`Must be one of: ${field.options.join(", ")}`);
      if (field.numeric) {
        const values = field.options.map(Number) as [number, ...number[]];
        return optionality(z.literal(values, message), field, field.default === undefined ? undefined : Number(field.default));
      }
      return optionality(z.enum(field.options as [string, ...string[]], message), field, field.default);
    }
    case "integer": {
      const { multipleOf } = field;
      const whole = integer(field.min, field.max);
      const stepped = multipleOf ? whole.multipleOf(multipleOf, { error: `Must be a multiple of ${multipleOf}` }) : whole;
      return optionality(stepped, field, field.default);
    }
    case "number": {
      const number = z
        .number({ error: "Must be a number" })
        .min(field.min, { error: `Must be at least ${field.min}` })
        .max(field.max, { error: `Must be at most ${field.max}` });
      return optionality(number, field, field.default);
    }
    case "boolean":
      return optionality(z.boolean(typeError("Must be true or false")), field, field.default);
    case "seed":
      return integer(field.min, field.max).optional();
    case "image": {
      // The URL of one of the caller's own images; which one, and whether it is theirs, is
      // checked against storage when the generation is created (src/lib/generations/file-inputs.ts).
      const url = z
        .url({ protocol: /^https?$/, error: "Must be the URL of one of your uploads or outputs" })
        .max(2048, { error: "Must be at most 2048 characters" });
      return optionality(url, field, undefined);
    }
  }
}

export type InputSchema = z.ZodType<Record<string, unknown>>;

/** Strict: an input the form does not offer (hidden or unknown) is refused, never forwarded. */
export function inputSchemaFor(fields: readonly InputField[]): InputSchema {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) shape[field.name] = withMeta(fieldSchema(field), field);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown input: ${issue.keys.join(", ")}` : "Must be an object"),
  }) as unknown as InputSchema;
}

/** The JSON Schema of what the browser may send (defaults make inputs optional). */
export function jsonSchemaOf(schema: InputSchema): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: "input" }) as Record<string, unknown>;
}
