import type Replicate from "replicate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/server";
import {
  api,
  clientFor,
  eventually,
  LIGHTNING,
  type Prediction,
  SDXL,
  SMALL,
  startTestEmulator,
  untilIdle,
  waitForTerminal,
} from "./helpers";

let emulator: Emulator;
let client: Replicate;

beforeAll(async () => {
  emulator = await startTestEmulator();
  client = clientFor(emulator);
});
afterAll(() => emulator.close());

describe("prediction lifecycle through the replicate SDK", () => {
  it("creates by version, starts as `starting`, then succeeds with consistent metadata", async () => {
    const created = (await client.predictions.create({
      version: LIGHTNING,
      input: { prompt: "a red fox", seed: 42, ...SMALL },
    })) as unknown as Prediction;
    expect(created).toMatchObject({
      status: "starting",
      output: null,
      logs: "",
      metrics: {},
      model: "bytedance/sdxl-lightning-4step",
      version: LIGHTNING,
      input: { prompt: "a red fox", seed: 42, ...SMALL },
      data_removed: false,
      source: "api",
      error: null,
    });
    expect(created.id).toMatch(/^[a-z0-9]{26}$/);
    expect(created.urls).toEqual({
      get: `${emulator.url}/v1/predictions/${created.id}`,
      cancel: `${emulator.url}/v1/predictions/${created.id}/cancel`,
      web: `${emulator.url}/p/${created.id}`,
    });

    const done = await waitForTerminal(client, created.id);
    expect(done.status).toBe("succeeded");
    expect(done.output).toEqual([`${emulator.url}/files/${created.id}/out-0.png`]);
    expect(done.logs).toContain("Using seed: 42");
    expect(done.logs).toMatch(/ {2}50%\|█████ {5}\| 2\/4 \[\d\d:\d\d<\d\d:\d\d, [\d.]+it\/s\]/);
    const created_at = Date.parse(done.created_at);
    const started = Date.parse(done.started_at ?? "");
    const completed = Date.parse(done.completed_at ?? "");
    expect(done.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(created_at).toBeLessThanOrEqual(started);
    expect(started).toBeLessThanOrEqual(completed);
    expect(done.metrics.predict_time).toBeCloseTo((completed - started) / 1000, 2);
    expect(done.metrics.total_time).toBeCloseTo((completed - created_at) / 1000, 2);
  });

  it("passes through `processing` with growing logs", async () => {
    const created = await client.predictions.create({
      version: SDXL,
      input: { prompt: "slow model", ...SMALL },
    });
    // From the create's own answer on: a poll can miss the short `starting` on a loaded machine.
    const seen = new Set<string>([created.status]);
    let lastLogs = "";
    for (;;) {
      const p = (await client.predictions.get(created.id)) as unknown as Prediction;
      seen.add(p.status);
      expect(p.logs.startsWith(lastLogs)).toBe(true);
      lastLogs = p.logs;
      if (p.status === "succeeded") break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect([...seen]).toEqual(expect.arrayContaining(["starting", "processing", "succeeded"]));
    expect(lastLogs).toMatch(/Using seed: \d+/); // no seed given: a random one is logged
  });

  it("creates through the model route for the official model only", async () => {
    const created = (await client.predictions.create({
      model: "black-forest-labs/flux-schnell",
      input: { prompt: "an owl", num_outputs: 2, megapixels: "0.25" },
    })) as unknown as Prediction;
    expect(created.model).toBe("black-forest-labs/flux-schnell");
    expect(created.version).toMatch(/^[0-9a-f]{64}$/);
    const done = await waitForTerminal(client, created.id);
    expect(done.output).toHaveLength(2);
    expect(done.output?.[1]).toMatch(/\/out-1\.webp$/);

    const community = await api(emulator, "/v1/models/stability-ai/sdxl/predictions", {
      method: "POST",
      body: JSON.stringify({ input: { prompt: "x" } }),
    });
    expect(community.status).toBe(404);
    expect(community.body).toEqual({
      detail: "The requested resource could not be found.",
      status: 404,
    });
  });

  it("accepts owner/name:version and rejects unknown versions with 422", async () => {
    const created = await client.predictions.create({
      version: `stability-ai/sdxl:${SDXL}`,
      input: { prompt: "pinned", ...SMALL },
    });
    expect(created.status).toBe("starting");
    const unknown = await api(emulator, "/v1/predictions", {
      method: "POST",
      body: JSON.stringify({ version: "f".repeat(64), input: { prompt: "x" } }),
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.title).toBe("Invalid version or not permitted");
    const mismatched = await api(emulator, "/v1/predictions", {
      method: "POST",
      body: JSON.stringify({ version: `stability-ai/sdxl:${LIGHTNING}`, input: { prompt: "x" } }),
    });
    expect(mismatched.status).toBe(422);
  });

  it("holds a `Prefer: wait` create until the output exists", async () => {
    const created = (await client.predictions.create({
      version: LIGHTNING,
      input: { prompt: "sync", ...SMALL },
      wait: true,
    })) as unknown as Prediction;
    expect(created.output).toHaveLength(1);
    expect(["processing", "succeeded"]).toContain(created.status);
  });

  it("gives up waiting after `Prefer: wait=N` (scaled) and answers `starting`", async () => {
    const created = (await client.predictions.create({
      version: LIGHTNING,
      input: { prompt: "cold [cold-start:60]", ...SMALL },
      wait: 1, // 1 s × 0.05 = 50 ms, well inside the 60 s (3 s scaled) cold start
    })) as unknown as Prediction;
    expect(created).toMatchObject({ status: "starting", output: null });
  });
});

describe("cancel", () => {
  it("cancels a running prediction: canceled, completed_at, predict_time, no output", async () => {
    const created = await client.predictions.create({
      version: SDXL,
      input: { prompt: "to cancel", ...SMALL },
    });
    await eventually(async () => (await client.predictions.get(created.id)).status === "processing");
    const canceled = (await client.predictions.cancel(created.id)) as unknown as Prediction;
    expect(canceled.status).toBe("canceled");
    expect(canceled.output).toBeNull();
    expect(canceled.completed_at).toBeDefined();
    expect(canceled.metrics.predict_time).toBeGreaterThan(0);
    await untilIdle(emulator, created.id); // no step left that could still change it
    expect((await client.predictions.get(created.id)).status).toBe("canceled");
  });

  it("returns a finished prediction unchanged", async () => {
    const created = await client.predictions.create({
      version: LIGHTNING,
      input: { prompt: "finished", ...SMALL },
    });
    const done = await waitForTerminal(client, created.id);
    const again = await client.predictions.cancel(created.id);
    expect(again).toEqual(done);
  });

  it("answers 404 for unknown predictions", async () => {
    expect((await api(emulator, "/v1/predictions/nope")).status).toBe(404);
    expect((await api(emulator, "/v1/predictions/nope/cancel", { method: "POST" })).status).toBe(404);
  });
});

describe("list", () => {
  it("pages 100 at a time, newest first, with absolute next/previous links", async () => {
    const fresh = await startTestEmulator();
    const sdk = clientFor(fresh);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 105; i++) {
        const p = await sdk.predictions.create({
          version: LIGHTNING,
          input: { prompt: `n${i}`, ...SMALL },
        });
        ids.push(p.id);
      }
      const first = await sdk.predictions.list();
      expect(first.results).toHaveLength(100);
      expect(first.results[0]?.id).toBe(ids[104]);
      expect(first.previous).toBeNull();
      expect(first.next?.startsWith(`${fresh.url}/v1/predictions?cursor=`)).toBe(true);

      const pages: string[][] = [];
      for await (const page of sdk.paginate(sdk.predictions.list)) pages.push(page.map((p) => p.id));
      expect(pages.map((p) => p.length)).toEqual([100, 5]);
      expect(pages.flat()).toEqual([...ids].reverse());

      const second = await api(fresh, new URL(first.next ?? "").pathname + new URL(first.next ?? "").search);
      const back = await api(fresh, new URL(second.body.previous).pathname + new URL(second.body.previous).search);
      expect(back.body.results.map((p: Prediction) => p.id)).toEqual(first.results.map((p) => p.id));
    } finally {
      await fresh.close();
    }
  });
});
