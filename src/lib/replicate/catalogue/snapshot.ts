import { z } from "zod";

// A committed snapshot of one model version: catalogue/snapshots/<owner>__<name>.json, written by
// `npm run models:add` and checked by `npm run models:check`. It holds the version's own
// `openapi_schema` (Input, Output and the components they reference), the version id, the model's
// metadata and where it all came from. The app derives its validation and form from it; the
// emulator reads the same files as data. Pure: the scripts use this module too.

const HASH = /^[0-9a-f]{64}$/;
const NAME = /^[a-z0-9][a-z0-9._-]*$/i;

type JsonObject = { [key: string]: unknown };
const jsonObject = z.record(z.string(), z.unknown());

export const snapshotSchema = z
  .object({
    owner: z.string().regex(NAME),
    name: z.string().regex(NAME),
    /** Official models run through the model route; their version is recorded, not pinned. */
    official: z.boolean(),
    model: z.object({
      url: z.string(),
      description: z.string().nullable(),
      visibility: z.string(),
    }),
    version: z.object({
      id: z.string().regex(HASH).nullable(),
      created_at: z.string().nullable(),
      cog_version: z.string().nullable(),
    }),
    source: jsonObject,
    openapi_schema: z.looseObject({
      components: z.object({
        schemas: z.looseObject({ Input: jsonObject, Output: jsonObject }),
      }),
    }),
  })
  .refine((s) => s.official || s.version.id !== null, {
    error: "a community model is pinned by its version id",
    path: ["version", "id"],
  });

export type Snapshot = z.infer<typeof snapshotSchema>;

export function parseSnapshot(json: unknown, what: string): Snapshot {
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Invalid model snapshot ${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** `owner/name`, as Replicate names a model. */
export const modelRef = (s: { owner: string; name: string }) => `${s.owner}/${s.name}`;

export const snapshotFileName = (owner: string, name: string) => `${owner}__${name}.json`;

const REF_PREFIX = "#/components/schemas/";

function collectRefs(node: unknown, schemas: JsonObject, found: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, schemas, found);
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith(REF_PREFIX)) {
        const name = value.slice(REF_PREFIX.length);
        if (!found.has(name)) {
          found.add(name);
          collectRefs(schemas[name], schemas, found);
        }
      } else {
        collectRefs(value, schemas, found);
      }
    }
  }
}

/**
 * The part of a served `openapi_schema` a snapshot keeps: `openapi` and `info`, and of the
 * components only Input, Output and what they reference (Cog's enum components). Paths and
 * Cog's own request/response components say nothing about the model.
 */
export function trimOpenapiSchema(served: unknown): JsonObject {
  const doc = (served ?? {}) as JsonObject;
  const schemas = ((doc.components as JsonObject | undefined)?.schemas ?? {}) as JsonObject;
  if (!schemas.Input || !schemas.Output) throw new Error("the openapi_schema has no Input or Output component");
  const keep = new Set(["Input", "Output"]);
  collectRefs([schemas.Input, schemas.Output], schemas, keep);
  const kept: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) if (keep.has(name)) kept[name] = schema;
  return {
    ...(doc.openapi === undefined ? {} : { openapi: doc.openapi }),
    ...(doc.info === undefined ? {} : { info: doc.info }),
    components: { schemas: kept },
  };
}
