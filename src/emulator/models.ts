import type { InputValidator } from "./input-validation";
import type { ModelBehaviour } from "./model-catalogue";

// The model versions one emulator serves, each read from a snapshot in catalogue/snapshots
// (snapshots.ts), and the JSON Replicate answers about them.

export type ModelVersion = {
  owner: string;
  name: string;
  /** Official models run only through the model route (POST /models/{o}/{n}/predictions). */
  official: boolean;
  /** The snapshot's version id; an official model without one reports a stable stand-in. */
  versionId: string;
  createdAt: string | null;
  cogVersion: string | null;
  metadata: { url: string; description: string | null; visibility: string };
  /** Served exactly as the snapshot holds it. */
  openapiSchema: Record<string, unknown>;
  /** Declared inputs (the seed is logged only by models that take one). */
  inputNames: ReadonlySet<string>;
  /** Inputs that take a file (`format: uri`): downloaded before the prediction runs. */
  fileInputs: readonly string[];
  /** The Output schema is a list of files (else a single file URL). */
  outputIsList: boolean;
  validateInput: InputValidator;
  behaviour: ModelBehaviour;
};

export class ModelCatalogue {
  constructor(readonly versions: readonly ModelVersion[]) {}

  find(owner: string, name: string): ModelVersion | undefined {
    return this.versions.find((m) => m.owner === owner && m.name === name);
  }

  /** Resolves `version` as sent to POST /predictions: a bare 64-hex id or `owner/name:64hex`. */
  resolveVersionRef(ref: string): ModelVersion | undefined {
    const match = /^(?:([^/:\s]+)\/([^/:\s]+):)?([0-9a-f]{64})$/.exec(ref);
    if (!match) return undefined;
    const [, owner, name, id] = match;
    // Official models have no public version to run by.
    const model = this.versions.find((m) => m.versionId === id && !m.official);
    if (!model) return undefined;
    if (owner !== undefined && (owner !== model.owner || name !== model.name)) return undefined;
    return model;
  }
}

export function versionJson(model: ModelVersion) {
  return {
    id: model.versionId,
    created_at: model.createdAt,
    cog_version: model.cogVersion,
    openapi_schema: model.openapiSchema,
  };
}

export function modelJson(model: ModelVersion) {
  return {
    url: model.metadata.url,
    owner: model.owner,
    name: model.name,
    description: model.metadata.description,
    visibility: model.metadata.visibility,
    is_official: model.official,
    github_url: null,
    paper_url: null,
    license_url: null,
    run_count: 0,
    cover_image_url: null,
    default_example: null,
    latest_version: versionJson(model),
  };
}
