import { Ajv, type ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import type { InvalidField } from "./errors";
import { isPlainObject, jsonTypeOf } from "./http-utils";

// Validates prediction input against the version's own `openapi_schema` Input, as Replicate does
// (it runs a JSON Schema validator, gojsonschema, and answers 422 with `invalid_fields`). Ajv does
// the checking, so every keyword a snapshot uses (types, enums through `allOf`/`$ref`, bounds,
// `nullable`, `format: uri`) is enforced the standard way rather than by hand-written rules;
// this module only words its errors the way Replicate does (docs/replicate.md §3).

export type ValidatedInput = { ok: true; values: Record<string, unknown> } | { ok: false; fields: InvalidField[] };
export type InputValidator = (input: unknown) => ValidatedInput;

// OpenAPI documents carry keywords JSON Schema does not define (`x-order`, `openapi`, `info`):
// not strict, so they are ignored. `nullable` is understood natively.
const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
addFormats(ajv, ["uri"]);

function fieldError(error: ErrorObject, input: Record<string, unknown>): InvalidField {
  const key = error.instancePath.split("/")[1] ?? "";
  const field = key ? `input.${key}` : "input";
  const value = key ? input[key] : input;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { type: "required", field: "input", description: `${String(params.missingProperty)} is required` };
    case "type":
      return {
        type: "invalid_type",
        field,
        description: `Invalid type. Expected: ${String(params.type)}, given: ${jsonTypeOf(value)}`,
      };
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ");
      return { type: "enum", field, description: `${field} must be one of the following: ${allowed}` };
    }
    case "minimum":
      return { type: "number_gte", field, description: `Must be greater than or equal to ${String(params.limit)}` };
    case "maximum":
      return { type: "number_lte", field, description: `Must be less than or equal to ${String(params.limit)}` };
    case "format":
      return { type: "format", field, description: `Does not match format '${String(params.format)}'` };
    default:
      return { type: error.keyword, field, description: error.message ?? "Invalid value" };
  }
}

/** A validator for one version's Input; on success it returns the declared inputs with defaults filled in. */
export function compileInputValidator(openapiSchema: Record<string, unknown>): InputValidator {
  const components = (openapiSchema.components ?? {}) as Record<string, unknown>;
  const validate = ajv.compile({ $ref: "#/components/schemas/Input", components });
  const inputSchema = (components.schemas as { Input: { properties?: Record<string, unknown> } }).Input;
  const declared = Object.keys(inputSchema.properties ?? {});

  return (input) => {
    if (!isPlainObject(input)) {
      const description = `Invalid type. Expected: object, given: ${jsonTypeOf(input)}`;
      return { ok: false, fields: [{ type: "invalid_type", field: "input", description }] };
    }
    const values = structuredClone(input); // ajv fills defaults in place
    if (!validate(values)) {
      const fields: InvalidField[] = [];
      for (const error of validate.errors ?? []) {
        const problem = fieldError(error, input);
        // One problem per field: an enum given a number fails both `type` and `enum`.
        if (problem.type === "required" || !fields.some((f) => f.field === problem.field)) fields.push(problem);
      }
      return { ok: false, fields };
    }
    // Unknown input keys are ignored, as Cog does; only declared ones reach the model.
    return { ok: true, values: Object.fromEntries(declared.filter((k) => k in values).map((k) => [k, values[k]])) };
  };
}
