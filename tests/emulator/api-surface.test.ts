import { readFileSync } from "node:fs";
import type Replicate from "replicate";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/server";
import { api, clientFor, LIGHTNING, SDXL, startTestEmulator } from "./helpers";

type InputSchema = { required: string[]; properties: Record<string, Record<string, unknown>> };
const inputSchemaOf = (openapi: unknown) =>
  (openapi as { components: { schemas: { Input: InputSchema } } }).components.schemas.Input;
const snapshot = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../catalogue/snapshots/${file}.json`, import.meta.url), "utf8")) as {
    openapi_schema: unknown;
  };

let emulator: Emulator;
let client: Replicate;

beforeAll(async () => {
  emulator = await startTestEmulator({ webhookSecret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
  client = clientFor(emulator);
});
afterAll(() => emulator.close());

describe("models and versions", () => {
  it("serves each version's openapi_schema exactly as its snapshot holds it", async () => {
    const version = await client.models.versions.get("bytedance", "sdxl-lightning-4step", LIGHTNING);
    expect(version.id).toBe(LIGHTNING);
    expect(version.openapi_schema).toEqual(snapshot("bytedance__sdxl-lightning-4step").openapi_schema);
    const input = inputSchemaOf(version.openapi_schema);
    // The pinned version's own schema: no required inputs, no default seed, bounds on the sizes.
    expect(input.required).toBeUndefined();
    expect(input.properties.seed).not.toHaveProperty("default");
    expect(input.properties.width).toMatchObject({ default: 1024, minimum: 256, maximum: 1280 });
    expect(input.properties.scheduler?.allOf).toEqual([{ $ref: "#/components/schemas/scheduler" }]);
    expect(input.properties.prompt?.["x-order"]).toBe(0);
  });

  it("serves official models (flux-schnell) with their latest version, enums as Cog components", async () => {
    const model = await client.models.get("black-forest-labs", "flux-schnell");
    expect(model.latest_version?.openapi_schema).toEqual(snapshot("black-forest-labs__flux-schnell").openapi_schema);
    type Components = { components: { schemas: Record<string, { enum?: string[] }> } };
    const schemas = (model.latest_version!.openapi_schema as Components).components.schemas;
    expect(schemas.aspect_ratio?.enum).toHaveLength(11);
    expect(schemas.megapixels?.enum).toEqual(["1", "0.25"]);
    expect(inputSchemaOf(model.latest_version?.openapi_schema).required).toEqual(["prompt"]);
  });

  it("serves every snapshot, including models the app does not offer yet", async () => {
    for (const [owner, name] of [
      ["nightmareai", "real-esrgan"],
      ["lucataco", "remove-bg"],
      ["black-forest-labs", "flux-kontext-pro"],
    ] as const) {
      const model = await client.models.get(owner, name);
      expect(model.latest_version?.openapi_schema).toEqual(snapshot(`${owner}__${name}`).openapi_schema);
    }
  });

  it("answers 404 for unknown models and versions", async () => {
    expect((await api(emulator, "/v1/models/nobody/nothing")).status).toBe(404);
    expect((await api(emulator, `/v1/models/stability-ai/sdxl/versions/${LIGHTNING}`)).status).toBe(404);
    const sdxl = await api(emulator, `/v1/models/stability-ai/sdxl/versions/${SDXL}`);
    expect(sdxl.body.openapi_schema.components.schemas.Input.properties.refine.default).toBe("no_refiner");
  });

  it("returns the webhook signing secret", async () => {
    expect(await client.webhooks.default.secret.get()).toEqual({
      key: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    });
  });
});

describe("errors", () => {
  it("requires a bearer token (401 problem details)", async () => {
    for (const authorization of [undefined, "", "Bearer ", "Bearer"]) {
      const response = await fetch(`${emulator.url}/v1/predictions`, {
        headers: authorization === undefined ? {} : { Authorization: authorization },
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        title: "Unauthenticated",
        detail: "You did not pass a valid authentication token",
        status: 401,
      });
    }
  });

  it("rejects invalid input with 422 invalid_fields and detail lines", async () => {
    const result = await api(emulator, "/v1/predictions", {
      method: "POST",
      body: JSON.stringify({
        version: LIGHTNING,
        input: { prompt: "x", num_inference_steps: 11, width: "wide", scheduler: "nope" },
      }),
    });
    expect(result.status).toBe(422);
    expect(result.body.title).toBe("Input validation failed");
    expect(result.body.invalid_fields).toEqual([
      {
        type: "invalid_type",
        field: "input.width",
        description: "Invalid type. Expected: integer, given: string",
      },
      { type: "enum", field: "input.scheduler", description: expect.stringContaining('"K_EULER"') },
      {
        type: "number_lte",
        field: "input.num_inference_steps",
        description: "Must be less than or equal to 10",
      },
    ]);
    expect(result.body.detail).toContain("- input.num_inference_steps: Must be less than or equal to 10\n");
  });

  it("rejects a missing prompt, and the SDK surfaces the body in the error message", async () => {
    const attempt = client.predictions.create({
      model: "black-forest-labs/flux-schnell",
      input: {},
    });
    await expect(attempt).rejects.toThrow(/status 422.*prompt is required/);
    const flux = await api(emulator, "/v1/models/black-forest-labs/flux-schnell/predictions", {
      method: "POST",
      body: JSON.stringify({ input: { prompt: "x", num_inference_steps: 5 } }),
    });
    expect(flux.body.detail).toBe("- input.num_inference_steps: Must be less than or equal to 4\n");
  });

  it("rejects unknown top-level keys, bad webhooks and bad event filters with 422", async () => {
    const post = (body: unknown) => api(emulator, "/v1/predictions", { method: "POST", body: JSON.stringify(body) });
    const extra = await post({ version: LIGHTNING, input: { prompt: "x" }, model: "a/b" });
    expect(extra.status).toBe(422);
    expect(extra.body.invalid_fields[0].description).toBe("Additional property model is not allowed");
    const hook = await post({ version: LIGHTNING, input: { prompt: "x" }, webhook: "not a url" });
    expect(hook.body.invalid_fields[0]).toMatchObject({ field: "webhook" });
    const filter = await post({
      version: LIGHTNING,
      input: { prompt: "x" },
      webhook_events_filter: ["start", "finished"],
    });
    expect(filter.body.invalid_fields[0].field).toBe("webhook_events_filter.1");
    const bad = await fetch(`${emulator.url}/v1/predictions`, {
      method: "POST",
      headers: { Authorization: "Bearer t" },
      body: "{oops",
    });
    expect(bad.status).toBe(400);
  });
});

describe("control endpoints", () => {
  beforeEach(async () => {
    await api(emulator, "/_emulator/requests", { method: "DELETE" });
  });

  it("reports health", async () => {
    expect((await api(emulator, "/_emulator/health")).body).toEqual({ ok: true });
  });

  it("records every /v1 request with its prediction id, and can be cleared", async () => {
    const created = await client.predictions.create({
      version: LIGHTNING,
      input: { prompt: "log me" },
    });
    await client.predictions.get(created.id);
    await fetch(`${emulator.url}/v1/predictions?x=1`);
    const { body } = await api(emulator, "/_emulator/requests");
    expect(body.requests).toEqual([
      { method: "POST", path: "/v1/predictions", at: expect.any(String), predictionId: created.id },
      {
        method: "GET",
        path: `/v1/predictions/${created.id}`,
        at: expect.any(String),
        predictionId: created.id,
      },
      { method: "GET", path: "/v1/predictions?x=1", at: expect.any(String) },
    ]);
    expect(Number.isNaN(Date.parse(body.requests[0].at))).toBe(false);
    await api(emulator, "/_emulator/requests", { method: "DELETE" });
    expect((await api(emulator, "/_emulator/requests")).body.requests).toEqual([]);
  });

  it("validates fault rules", async () => {
    const unknown = await api(emulator, "/_emulator/faults", {
      method: "POST",
      body: JSON.stringify({ match: "x", fault: "explode" }),
    });
    expect(unknown.status).toBe(400);
    const rule = await api(emulator, "/_emulator/faults", {
      method: "POST",
      body: JSON.stringify({ match: "zzz", fault: "cold-start", seconds: 2 }),
    });
    expect(rule.status).toBe(201);
    expect(rule.body.id).toEqual(expect.any(String));
    const listed = await api(emulator, "/_emulator/faults");
    expect(listed.body.faults).toEqual([expect.objectContaining({ fault: "cold-start", options: { seconds: 2 } })]);
    await api(emulator, "/_emulator/faults", { method: "DELETE" });
    expect((await api(emulator, "/_emulator/faults")).body.faults).toEqual([]);
  });
});
