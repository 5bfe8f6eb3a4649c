import type { InvalidField } from "./errors";
import { isPlainObject, jsonTypeOf } from "./http-utils";
import type { InputProperty, ModelVersion } from "./models";

// Mirrors Replicate's JSON-schema validation (gojsonschema wording and `type` codes), so the
// product's 422 handling sees the same `invalid_fields` it will see in production.

export type ValidatedInput = { ok: true; values: Record<string, unknown> } | { ok: false; fields: InvalidField[] };

function typeMatches(property: InputProperty, value: unknown): boolean {
  switch (property.type) {
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    default:
      return typeof value === property.type;
  }
}

function checkProperty(key: string, property: InputProperty, value: unknown): InvalidField | null {
  const field = `input.${key}`;
  if (!typeMatches(property, value)) {
    const description = `Invalid type. Expected: ${property.type}, given: ${jsonTypeOf(value)}`;
    return { type: "invalid_type", field, description };
  }
  if (property.enum && !property.enum.includes(value as string | number)) {
    const allowed = property.enum.map((v) => JSON.stringify(v)).join(", ");
    return {
      type: "enum",
      field,
      description: `${field} must be one of the following: ${allowed}`,
    };
  }
  if (typeof value === "number" && property.minimum !== undefined && value < property.minimum) {
    const description = `Must be greater than or equal to ${property.minimum}`;
    return { type: "number_gte", field, description };
  }
  if (typeof value === "number" && property.maximum !== undefined && value > property.maximum) {
    const description = `Must be less than or equal to ${property.maximum}`;
    return { type: "number_lte", field, description };
  }
  return null;
}

/** Validates `input` against the model schema; on success returns it with defaults filled in. */
export function validateInput(model: ModelVersion, input: unknown): ValidatedInput {
  if (!isPlainObject(input)) {
    const description = `Invalid type. Expected: object, given: ${jsonTypeOf(input)}`;
    return { ok: false, fields: [{ type: "invalid_type", field: "input", description }] };
  }
  const fields: InvalidField[] = [];
  for (const key of model.required) {
    if (input[key] === undefined) {
      fields.push({ type: "required", field: `input.${key}`, description: `${key} is required` });
    }
  }
  const values: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(model.properties)) {
    const value = input[key];
    if (value === undefined) {
      if (property.default !== undefined) values[key] = property.default;
      continue;
    }
    const problem = checkProperty(key, property, value);
    if (problem) fields.push(problem);
    else values[key] = value;
  }
  // Unknown input keys are ignored, as Cog does; only declared ones reach the model.
  return fields.length > 0 ? { ok: false, fields } : { ok: true, values };
}
