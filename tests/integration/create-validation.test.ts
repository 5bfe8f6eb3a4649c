import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countGenerations } from "../helpers/db-inspect";
import { emulatorPredictionsMatching } from "../helpers/emulator-control";
import { startTestApp, type TestApp } from "../helpers/test-app";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const post = (body: string) =>
  app.client().request("/api/generations", { method: "POST", body, headers: { "content-type": "application/json" } });

describe("bad create bodies", () => {
  it.each([
    ["not JSON", "{model: sdxl", 400, "body"],
    ["a JSON array", "[]", 400, "body"],
    ["an unknown model", JSON.stringify({ model: "midjourney", input: { prompt: "x" } }), 400, "model"],
    ["a version instead of a key", JSON.stringify({ model: "stability-ai/sdxl:39ed52f2", input: { prompt: "x" } }), 400, "model"],
    ["a missing prompt", JSON.stringify({ model: "sdxl", input: {} }), 400, "input.prompt"],
    ["a non-string prompt", JSON.stringify({ model: "sdxl", input: { prompt: 7 } }), 400, "input.prompt"],
    [
      "out-of-range steps",
      JSON.stringify({ model: "sdxl-lightning", input: { prompt: "x", num_inference_steps: 50 } }),
      400,
      "input.num_inference_steps",
    ],
    [
      "too many images",
      JSON.stringify({ model: "flux-schnell", input: { prompt: "x", num_outputs: 9 } }),
      400,
      "input.num_outputs",
    ],
    [
      "an unknown enum value",
      JSON.stringify({ model: "flux-schnell", input: { prompt: "x", aspect_ratio: "5:7" } }),
      400,
      "input.aspect_ratio",
    ],
    ["an extra input field", JSON.stringify({ model: "sdxl", input: { prompt: "x", webhook: "https://evil" } }), 400, "input"],
    ["an extra top-level field", JSON.stringify({ model: "sdxl", input: { prompt: "x" }, version: "abc" }), 400, "body"],
    ["a long prompt", JSON.stringify({ model: "sdxl", input: { prompt: "x".repeat(3000) } }), 400, "input.prompt"],
  ])("rejects %s with a 4xx naming the problem", async (_label, body, status, field) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: { code: string; message: string; fields?: { path: string }[] } };
    expect(json.error.message.length).toBeGreaterThan(5);
    expect(json.error.fields?.map((f) => f.path)).toContain(field);
  });

  it("refuses a 1 MB prompt with 413 before parsing", async () => {
    const res = await post(JSON.stringify({ model: "sdxl", input: { prompt: "x".repeat(1024 * 1024) } }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    // The rest of the body was never read: the connection closes, so the next request is not sent
    // on it (it was reset: "settings that do not apply" below failed that way).
    expect(res.headers.get("connection")).toBe("close");
  });

  it("wrote no row and never called Replicate for any of them", async () => {
    expect(await countGenerations()).toBe(0);
    const creates = (await app.emulatorRequests()).filter((r) => r.method === "POST");
    expect(creates).toEqual([]);
  });
});

describe("settings that do not apply", () => {
  it("are not stored or sent: a refiner's steps with no refiner go, with its refiner they stay", async () => {
    const create = async (input: Record<string, unknown>) => {
      const res = await post(JSON.stringify({ model: "sdxl", input: { prompt: "a refined check", ...input } }));
      expect(res.status).toBe(201);
      return ((await res.json()) as { input: Record<string, unknown> }).input;
    };
    const without = await create({ refine: "no_refiner", refine_steps: 7 });
    expect(without).not.toHaveProperty("refine_steps");
    expect(without).not.toHaveProperty("high_noise_frac");
    const withBase = await create({ refine: "base_image_refiner", refine_steps: 7 });
    expect(withBase).toMatchObject({ refine: "base_image_refiner", refine_steps: 7 });
    expect(withBase).not.toHaveProperty("high_noise_frac");
    // What Replicate (the emulator) was sent: the same.
    const sent = (await emulatorPredictionsMatching(app, "a refined check")).map((p) => p.input ?? {});
    expect(sent).toHaveLength(2);
    expect(sent.filter((input) => "refine_steps" in input)).toEqual([
      expect.objectContaining({ refine: "base_image_refiner", refine_steps: 7 }),
    ]);
  });
});
