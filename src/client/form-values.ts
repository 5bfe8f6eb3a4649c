import "client-only";
import type { InputField } from "@/shared/model-form";

// The generation form's values, kept as strings (number inputs mid-typing) or booleans, keyed by
// input name. Validation mirrors the server's schema (derived from the same fields, with the same
// messages) so most mistakes never leave the browser.

export type FieldValue = string | boolean;
export type FormValues = Record<string, FieldValue>;
export type FormErrors = Record<string, string>;

export function defaultValue(field: InputField): FieldValue {
  switch (field.kind) {
    case "boolean":
      return field.default ?? false;
    case "seed":
    case "image":
      return "";
    case "integer":
    case "number":
      return field.default === undefined ? "" : String(field.default);
    default:
      return field.default ?? "";
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
    if (value !== undefined && (field.kind === "text" || field.kind === "seed" || (field.kind === "image" && !field.role))) {
      kept[field.name] = value;
    }
  }
  return kept;
}

function checkNumber(raw: string, min: number, max: number, whole: boolean, multipleOf?: number): string | null {
  const n = Number(raw);
  if (!Number.isFinite(n)) return "Must be a number";
  if (whole && !Number.isInteger(n)) return "Must be a whole number";
  if (n < min) return `Must be at least ${min}`;
  if (n > max) return `Must be at most ${max}`;
  if (multipleOf && n % multipleOf !== 0) return `Must be a multiple of ${multipleOf}`;
  return null;
}

export function validateField(field: InputField, value: FieldValue): string | null {
  if (typeof value === "boolean") return null;
  const raw = value.trim();
  if (field.required && raw === "") return `${field.label} is required`;
  switch (field.kind) {
    case "text":
      return raw.length > field.maxLength ? `Must be at most ${field.maxLength} characters` : null;
    case "integer":
      return raw === "" ? null : checkNumber(raw, field.min, field.max, true, field.multipleOf);
    case "number":
      return raw === "" ? null : checkNumber(raw, field.min, field.max, false);
    case "seed":
      return raw === "" ? null : checkNumber(raw, field.min, field.max, true);
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

function textInput(field: InputField & { kind: "text" }, value: string): string | undefined {
  const text = value.trim();
  if (text === (field.default ?? "")) return undefined;
  // Clearing a field that has a default sends the empty text: the user chose "none".
  return text;
}

/** Only what the user set: empty optionals and untouched defaults are left to the server. */
export function toInput(fields: readonly InputField[], values: FormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined) continue;
    if (typeof value === "boolean") {
      if (field.kind === "boolean" && value !== (field.default ?? false)) input[field.name] = value;
      continue;
    }
    if (field.kind === "text") {
      const text = textInput(field, value);
      if (text !== undefined) input[field.name] = text;
      continue;
    }
    const raw = value.trim();
    if (raw === "" || (field.kind === "enum" && raw === field.default)) continue;
    if (field.kind === "enum") {
      input[field.name] = field.numeric ? Number(raw) : raw;
    } else if (field.kind === "image") {
      // Stored files have app-relative URLs; the API takes absolute ones.
      input[field.name] = new URL(raw, window.location.href).href;
    } else if (field.kind === "seed" || field.kind === "integer" || field.kind === "number") {
      const n = Number(raw);
      if (field.kind !== "seed" && n === field.default) continue;
      input[field.name] = n;
    }
  }
  return input;
}
