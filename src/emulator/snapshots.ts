import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileInputValidator, type InputValidator } from "./input-validation";
import { behaviourOf } from "./model-catalogue";
import { ModelCatalogue, type ModelVersion } from "./models";

// Reads the model snapshots (catalogue/snapshots/<owner>__<name>.json) as data: the same files the
// app derives its catalogue from, written by `npm run models:add`. The emulator imports no app
// code; it serves what the files say and validates input against their schemas, as Replicate
// would with the versions they record. Every snapshot is served, offered by the app or not.

export const DEFAULT_SNAPSHOTS_DIR = fileURLToPath(new URL("../../catalogue/snapshots/", import.meta.url));

type SnapshotFile = {
  owner: string;
  name: string;
  official: boolean;
  model: { url: string; description: string | null; visibility: string };
  version: { id: string | null; created_at: string | null; cog_version: string | null };
  openapi_schema: { components: { schemas: { Input: { properties?: object }; Output: { type?: string } } } };
};

function versionOf(file: string, json: SnapshotFile): ModelVersion {
  const { owner, name, official, model, version } = json;
  const schemas = json.openapi_schema?.components?.schemas;
  if (typeof owner !== "string" || typeof name !== "string" || !schemas?.Input || !schemas.Output) {
    throw new Error(`${file} is not a model snapshot (owner, name and openapi_schema Input/Output are required)`);
  }
  const standIn = createHash("sha256").update(`${owner}/${name}`).digest("hex");
  if (!official && !version?.id) throw new Error(`${file}: a community model needs version.id`);
  return {
    owner,
    name,
    official: official === true,
    versionId: version?.id ?? standIn,
    createdAt: version?.created_at ?? null,
    cogVersion: version?.cog_version ?? null,
    metadata: model,
    openapiSchema: json.openapi_schema,
    inputNames: new Set(Object.keys(schemas.Input.properties ?? {})),
    fileInputs: Object.entries((schemas.Input.properties ?? {}) as Record<string, { format?: string }>)
      .filter(([, p]) => p?.format === "uri")
      .map(([n]) => n),
    outputIsList: schemas.Output.type === "array",
    validateInput: compiledOnFirstUse(json.openapi_schema),
    behaviour: behaviourOf(owner, name),
  };
}

// Compiling a schema is most of an emulator's start-up, and a run usually touches few models.
function compiledOnFirstUse(schema: SnapshotFile["openapi_schema"]): InputValidator {
  let compiled: InputValidator | undefined;
  return (input) => {
    compiled ??= compileInputValidator(schema);
    return compiled(input);
  };
}

export function loadModelCatalogue(dir: string = DEFAULT_SNAPSHOTS_DIR): ModelCatalogue {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  return new ModelCatalogue(
    files.map((file) => versionOf(file, JSON.parse(readFileSync(path.join(dir, file), "utf8")) as SnapshotFile)),
  );
}
