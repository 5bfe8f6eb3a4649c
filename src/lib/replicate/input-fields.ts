import { z } from "zod";
import { type InputField, MAX_SEED } from "@/shared/model-form";

// A model's inputs are declared once as fields (src/shared/model-form.ts); the request schema
// (zod) is derived from them here and the page's form in the browser, so they cannot drift apart.

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
