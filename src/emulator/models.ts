import type { ImageFormat } from "./images";
import { MODELS } from "./model-catalogue";

export type InputProperty = {
  type: "string" | "integer" | "number" | "boolean";
  description: string;
  default?: string | number | boolean;
  minimum?: number;
  maximum?: number;
  enum?: readonly (string | number)[];
};

export type ImagePlan = { width: number; height: number; format: ImageFormat; quality: number };

export type ModelVersion = {
  owner: string;
  name: string;
  versionId: string;
  /** Official models run only through the model route (POST /models/{o}/{n}/predictions). */
  official: boolean;
  description: string;
  createdAt: string;
  /** In x-order: the position of a key is its `x-order`. */
  properties: Record<string, InputProperty>;
  required: readonly string[];
  /** Emulated durations at timeScale 1: booting (`starting`) and running (`processing`). */
  timing: { bootMs: number; processingMs: number };
  wantsRandomSeed(seed: unknown): boolean;
  /** What to render for validated input (defaults applied), or the error the run would crash with. */
  planImage(values: Record<string, unknown>): ImagePlan | { error: string };
};

export function findModel(owner: string, name: string): ModelVersion | undefined {
  return MODELS.find((m) => m.owner === owner && m.name === name);
}

/** Resolves `version` as sent to POST /predictions: a bare 64-hex id or `owner/name:64hex`. */
export function resolveVersionRef(ref: string): ModelVersion | undefined {
  const match = /^(?:([^/:\s]+)\/([^/:\s]+):)?([0-9a-f]{64})$/.exec(ref);
  if (!match) return undefined;
  const [, owner, name, id] = match;
  const model = MODELS.find((m) => m.versionId === id && !m.official);
  if (!model) return undefined;
  if (owner !== undefined && (owner !== model.owner || name !== model.name)) return undefined;
  return model;
}

function titleOf(key: string): string {
  return key
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

/** A Cog-style OpenAPI document; consumers read `components.schemas.Input`. */
export function openapiSchema(model: ModelVersion) {
  const properties = Object.fromEntries(
    Object.entries(model.properties).map(([key, property], order) => [
      key,
      { title: titleOf(key), ...property, "x-order": order },
    ]),
  );
  return {
    openapi: "3.0.2",
    info: { title: "Cog", version: "0.1.0" },
    paths: {},
    components: {
      schemas: {
        Input: { type: "object", title: "Input", required: [...model.required], properties },
        Output: { type: "array", title: "Output", items: { type: "string", format: "uri" } },
      },
    },
  };
}

export function versionJson(model: ModelVersion) {
  return {
    id: model.versionId,
    created_at: model.createdAt,
    cog_version: "0.9.6",
    openapi_schema: openapiSchema(model),
  };
}

export function modelJson(model: ModelVersion) {
  return {
    url: `https://replicate.com/${model.owner}/${model.name}`,
    owner: model.owner,
    name: model.name,
    description: model.description,
    visibility: "public",
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
