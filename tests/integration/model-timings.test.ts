import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ModelTimingsView } from "../../src/shared/model-timing";
import { startTestApp, type TestApp } from "../helpers/test-app";

// GET /api/models/timings over real HTTP: each model's typical duration, measured on this
// deployment's own recent successes (the running cards' estimate), and nothing without them.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe("GET /api/models/timings", () => {
  // Three generations at once (the running limit is 3); minutes on a loaded machine.
  it("gives a model's median durations once it has three recent successes", { timeout: 120_000 }, async () => {
    const client = app.client();
    // One request first, so the three creates share the owner cookie it sets.
    expect((await client.request("/api/generations")).status).toBe(200);
    await Promise.all(
      ["a quiet harbour", "a red kite", "a salt marsh"].map(async (prompt) => {
        const { res, body } = await client.create("sdxl-lightning", { prompt });
        expect(res.status).toBe(201);
        await client.waitFor(body.id, ["succeeded"], 90_000);
      }),
    );
    const res = await client.request("/api/models/timings");
    expect(res.status).toBe(200);
    const { timings } = (await res.json()) as ModelTimingsView;
    // One entry per offered model, in the catalogue's order.
    const listed = ((await (await client.request("/api/models")).json()) as { models: { key: string }[] }).models;
    expect(timings.map((t) => t.model)).toEqual(listed.map((m) => m.key));
    const lightning = timings.find((t) => t.model === "sdxl-lightning");
    expect(lightning?.samples).toBe(3);
    expect(lightning?.typicalSeconds).toBeGreaterThan(0);
    expect(lightning?.typicalStartSeconds).toBeGreaterThanOrEqual(0);
    expect(lightning?.typicalStartSeconds).toBeLessThanOrEqual(lightning?.typicalSeconds ?? 0);
    expect(timings.find((t) => t.model === "sdxl")).toEqual({
      model: "sdxl",
      typicalSeconds: null,
      typicalStartSeconds: null,
      samples: 0,
    });
  });
});
