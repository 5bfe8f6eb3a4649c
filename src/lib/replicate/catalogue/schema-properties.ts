import type { Snapshot } from "./snapshot";

// Reads a snapshot's Input schema into one flat description per input, in `x-order`. Cog writes
// choices two ways: `allOf: [{ $ref }]` to a named enum component (Cog 0.8-0.11) or an inline
// `enum` (newer Cog); both end up in `options`. Files are strings with `format: uri`.

export type PropertyKind = "text" | "file" | "enum" | "integer" | "number" | "boolean" | "unsupported";
export type Scalar = string | number | boolean;

export type SchemaProperty = {
  name: string;
  kind: PropertyKind;
  /** The JSON type the model expects (for an enum, the type of its options). */
  type: "string" | "integer" | "number" | "boolean" | "other";
  title: string;
  description?: string;
  required: boolean;
  nullable: boolean;
  default?: Scalar;
  minimum?: number;
  maximum?: number;
  options?: readonly Scalar[];
  /** For `unsupported` inputs: what the app cannot represent yet (the overlay must hide them). */
  unsupported?: string;
};

type Json = { [key: string]: unknown };
const REF_PREFIX = "#/components/schemas/";

function resolve(property: Json, schemas: Json, where: string): Json {
  const refs: unknown[] = [];
  if (typeof property.$ref === "string") refs.push(property.$ref);
  if (Array.isArray(property.allOf)) for (const part of property.allOf as Json[]) refs.push(part?.$ref);
  const { allOf: _allOf, $ref: _ref, ...own } = property;
  let merged: Json = {};
  for (const ref of refs) {
    if (typeof ref !== "string" || !ref.startsWith(REF_PREFIX)) throw new Error(`${where}: unsupported reference ${String(ref)}`);
    const target = schemas[ref.slice(REF_PREFIX.length)];
    if (!target || typeof target !== "object") throw new Error(`${where}: ${ref} is not in the snapshot`);
    merged = { ...merged, ...(target as Json) };
  }
  // The property's own keywords (default, description, x-order) win over the component's.
  return { ...merged, ...own };
}

const isScalar = (value: unknown): value is Scalar => ["string", "number", "boolean"].includes(typeof value);
const numberOrUndefined = (value: unknown) => (typeof value === "number" ? value : undefined);

function kindOf(schema: Json): { kind: PropertyKind; type: SchemaProperty["type"]; unsupported?: string } {
  const type = schema.type;
  if (type !== "string" && type !== "integer" && type !== "number" && type !== "boolean") {
    const what = schema.anyOf || schema.oneOf ? "anyOf/oneOf" : `type ${JSON.stringify(type ?? null)}`;
    return { kind: "unsupported", type: "other", unsupported: what };
  }
  if (Array.isArray(schema.enum)) {
    if (type === "boolean") return { kind: "unsupported", type, unsupported: "a boolean enum" };
    return { kind: "enum", type };
  }
  if (type === "string") return { kind: schema.format === "uri" ? "file" : "text", type };
  return { kind: type, type };
}

/** Every input of the snapshot's version, in the model's own order (`x-order`, then name). */
export function schemaProperties(snapshot: Snapshot): SchemaProperty[] {
  const schemas = snapshot.openapi_schema.components.schemas as Json;
  const input = schemas.Input as Json;
  const required = new Set(Array.isArray(input.required) ? (input.required as string[]) : []);
  const entries = Object.entries((input.properties ?? {}) as Record<string, Json>).map(([name, raw]) => {
    const schema = resolve(raw, schemas, `${snapshot.owner}/${snapshot.name} input ${name}`);
    const { kind, type, unsupported } = kindOf(schema);
    const property: SchemaProperty = {
      name,
      kind,
      type,
      title: typeof schema.title === "string" ? schema.title : name,
      required: required.has(name),
      nullable: schema.nullable === true,
    };
    if (typeof schema.description === "string") property.description = schema.description;
    if (isScalar(schema.default)) property.default = schema.default;
    const minimum = numberOrUndefined(schema.minimum);
    const maximum = numberOrUndefined(schema.maximum);
    if (minimum !== undefined) property.minimum = minimum;
    if (maximum !== undefined) property.maximum = maximum;
    if (Array.isArray(schema.enum)) property.options = (schema.enum as unknown[]).filter(isScalar);
    if (unsupported) property.unsupported = unsupported;
    const order = typeof raw["x-order"] === "number" ? raw["x-order"] : Number.MAX_SAFE_INTEGER;
    return { property, order };
  });
  entries.sort((a, b) => a.order - b.order || a.property.name.localeCompare(b.property.name));
  return entries.map((e) => e.property);
}
