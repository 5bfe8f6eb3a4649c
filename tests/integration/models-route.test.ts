import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ModelSpecView } from "../../src/shared/model-form";
import { startTestApp, type TestApp } from "../helpers/test-app";

// GET /api/models over real HTTP: each model's form and the JSON Schema its input is validated
// with, and POST /api/generations deciding as that published schema does. No version leaks.

let app: TestApp;
let models: ModelSpecView[];
beforeAll(async () => {
  app = await startTestApp();
  const res = await app.client().request("/api/models");
  expect(res.status).toBe(200);
  models = ((await res.json()) as { models: ModelSpecView[] }).models;
});
afterAll(async () => {
  await app?.close();
});

const ajv = new Ajv2020({ allErrors: true, strict: false });

describe("GET /api/models", () => {
  it("lists the offered models with their fields and inputSchema", () => {
    expect(models.map((m) => m.key)).toEqual([
      "sdxl-lightning",
      "sdxl",
      "flux-schnell",
      "sdxl-img2img",
      "sdxl-inpaint",
      "upscale",
      "remove-bg",
      "flux-kontext-pro",
    ]);
    for (const model of models) {
      const schema = model.inputSchema as { type: string; properties: Record<string, unknown>; additionalProperties: boolean };
      expect(schema).toMatchObject({ type: "object", additionalProperties: false });
      expect(Object.keys(schema.properties)).toEqual(model.fields.map((f) => f.name));
    }
    const flux = models.find((m) => m.key === "flux-schnell")?.inputSchema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(flux.required).toEqual(["prompt"]);
    expect(flux.properties.aspect_ratio).toMatchObject({
      type: "string",
      default: "1:1",
      enum: expect.arrayContaining(["16:9", "9:21"]),
    });
    expect(flux.properties.seed).toMatchObject({ type: "integer", minimum: 1 });
  });

  it("carries an ETag: the same body every time, and a 304 when the browser already has it", async () => {
    const client = app.client();
    const first = await client.request("/api/models");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=300");
    expect(first.headers.get("content-type")).toMatch(/^application\/json/);
    const again = await client.request("/api/models");
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe(await first.text());
    const cached = await client.request("/api/models", { headers: { "if-none-match": `W/${etag}` } });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe("");
    expect((await client.request("/api/models", { headers: { "if-none-match": '"other"' } })).status).toBe(200);
  });

  it("never sends a version, an owner/name or a price", async () => {
    const text = JSON.stringify(models);
    const dir = path.resolve(import.meta.dirname, "../../catalogue/snapshots");
    for (const file of readdirSync(dir)) {
      const snapshot = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
      if (snapshot.version.id) expect(text).not.toContain(snapshot.version.id);
      expect(text).not.toContain(`${snapshot.owner}/${snapshot.name}`);
    }
    expect(text).not.toMatch(/perSecondUsd|perOutputUsd/);
  });

  it.each([
    ["sdxl-lightning", { prompt: "a fox", width: 768, seed: 0 }, null],
    ["sdxl-lightning", { prompt: "a fox", width: 300 }, "input.width"],
    ["sdxl", { prompt: "a fox", width: 1600 }, "input.width"],
    ["sdxl", { prompt: "a fox", image: "https://example.com/a.png" }, "input"],
    ["flux-schnell", { prompt: "a fox", megapixels: "0.5" }, "input.megapixels"],
    ["flux-schnell", { prompt: "   " }, "input.prompt"],
  ] as const)("POST /api/generations decides %s %j as the published schema does", async (key, input, field) => {
    const schema = models.find((m) => m.key === key)?.inputSchema as object;
    expect(ajv.validate(schema, input)).toBe(field === null);
    const { res, body } = await app.client().create(key, { ...input });
    if (field === null) {
      expect(res.status).toBe(201);
    } else {
      expect(res.status).toBe(400);
      expect(body.error?.fields?.map((f) => f.path)).toContain(field);
    }
  });
});
