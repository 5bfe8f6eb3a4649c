import "client-only";
import { type InputField, MAX_SEED } from "@/shared/model-form";

// The generation form's values, kept as strings (number inputs mid-typing) or booleans, keyed by
// input name. Validation mirrors the server's schema so most mistakes never leave the browser.

export type FieldValue = string | boolean;
export type FormValues = Record<string, FieldValue>;
export type FormErrors = Record<string, string>;

export function defaultValue(field: InputField): FieldValue {
  switch (field.kind) {
    case "text":
    case "seed":
      return "";
    case "boolean":
      return field.default;
    case "enum":
      return field.default;
    case "integer":
    case "number":
      return String(field.default);
  }
}

export function currentValue(field: InputField, values: FormValues): FieldValue {
  return values[field.name] ?? defaultValue(field);
}

/** Free-text values (prompt, seed) follow the user across models; tuned numbers do not. */
export function carryOver(values: FormValues, fields: readonly InputField[]): FormValues {
  const kept: FormValues = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value !== undefined && (field.kind === "text" || field.kind === "seed")) kept[field.name] = value;
  }
  return kept;
}

function checkNumber(raw: string, min: number, max: number, whole: boolean): string | null {
  const n = Number(raw);
  if (!Number.isFinite(n)) return "Must be a number";
  if (whole && !Number.isInteger(n)) return "Must be a whole number";
  if (n < min) return `Must be at least ${min}`;
  if (n > max) return `Must be at most ${max}`;
  return null;
}

export function validateField(field: InputField, value: FieldValue): string | null {
  if (typeof value === "boolean") return null;
  const raw = value.trim();
  switch (field.kind) {
    case "text":
      if (field.required && raw === "") return `${field.label} is required`;
      if (raw.length > field.maxLength) return `Must be at most ${field.maxLength} characters`;
      return null;
    case "integer":
      return raw === "" ? null : checkNumber(raw, field.min, field.max, true);
    case "number":
      return raw === "" ? null : checkNumber(raw, field.min, field.max, false);
    case "seed":
      return raw === "" ? null : checkNumber(raw, 1, MAX_SEED, true);
    default:
      return null;
  }
}

export function validateAll(fields: readonly InputField[], values: FormValues): FormErrors {
  const errors: FormErrors = {};
  for (const field of fields) {
    const message = validateField(field, currentValue(field, values));
    if (message) errors[field.name] = message;
  }
  return errors;
}

/** Only what the user set: empty optionals and untouched defaults are left to the server. */
export function toInput(fields: readonly InputField[], values: FormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined) continue;
    if (typeof value === "boolean") {
      if (field.kind === "boolean" && value !== field.default) input[field.name] = value;
      continue;
    }
    const raw = value.trim();
    if (raw === "") continue;
    if (field.kind === "text" || field.kind === "enum") {
      if (field.kind === "enum" && raw === field.default) continue;
      input[field.name] = raw;
    } else if (field.kind === "seed" || field.kind === "integer" || field.kind === "number") {
      const n = Number(raw);
      if (field.kind !== "seed" && n === field.default) continue;
      input[field.name] = n;
    }
  }
  return input;
}
