import "client-only";
import type { InputField } from "@/shared/model-form";
import type { FormValues } from "./form-values";

/**
 * The form's values for a stored generation's input ("Edit"): every setting it ran with,
 * including the seed, as the form holds them (numbers as text, switches as booleans).
 */
export function formValuesFrom(fields: readonly InputField[], input: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = input[field.name];
    if (value === undefined || value === null) continue;
    if (field.kind === "boolean") values[field.name] = value === true;
    else if (typeof value === "string" || typeof value === "number") values[field.name] = String(value);
  }
  return values;
}

/** Settings as text, one `name: value` a line, for "Copy all settings". */
export function settingsText(modelLabel: string, input: Record<string, unknown>): string {
  const lines = Object.entries(input).map(
    ([name, value]) => `${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`,
  );
  return [`model: ${modelLabel}`, ...lines].join("\n");
}
