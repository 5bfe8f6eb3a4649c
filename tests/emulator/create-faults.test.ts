import type Replicate from "replicate";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/server";
import { api, clientFor, LIGHTNING, SMALL, startTestEmulator, waitForTerminal } from "./helpers";

// Faults on the create call itself: nothing (or, for a reset, maybe something) gets created.

let emulator: Emulator;
let client: Replicate;

beforeAll(async () => {
  emulator = await startTestEmulator();
  client = clientFor(emulator);
});
afterEach(() => api(emulator, "/_emulator/faults", { method: "DELETE" }));
afterAll(() => emulator.close());

const addFault = (rule: Record<string, unknown>) =>
  api(emulator, "/_emulator/faults", { method: "POST", body: JSON.stringify(rule) });

async function predictionCount(): Promise<number> {
  return ((await client.predictions.list()).results ?? []).length;
}

describe("create faults", () => {
  it("create-429 answers 429 with retry_after and Retry-After, creating nothing", async () => {
    await addFault({ match: "busy", fault: "create-429", retry_after: 7 });
    const before = await predictionCount();
    const raw = await api(emulator, "/v1/predictions", {
      method: "POST",
      body: JSON.stringify({ version: LIGHTNING, input: { prompt: "busy" } }),
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get("retry-after")).toBe("7");
    expect(raw.body).toEqual({
      detail: "Request was throttled. Your rate limit resets in ~7s.",
      status: 429,
      retry_after: 7,
    });
    // The SDK re-sends a 429'd create (6 attempts in all), each refused.
    await expect(client.predictions.create({ version: LIGHTNING, input: { prompt: "busy" } })).rejects.toThrow(/429/);
    expect(await predictionCount()).toBe(before);
  });

  it("a fault with `limit` stops after that many creates (the SDK's retry then succeeds)", async () => {
    await api(emulator, "/_emulator/requests", { method: "DELETE" });
    await addFault({ match: "once", fault: "create-429", limit: 1 });
    const created = await client.predictions.create({
      version: LIGHTNING,
      input: { prompt: "once", ...SMALL },
    });
    const { body } = await api(emulator, "/_emulator/requests");
    expect(body.requests.map((r: { predictionId?: string }) => r.predictionId ?? null)).toEqual([null, created.id]);
  });

  it("create-500 answers 500 and creates nothing; the SDK does not retry a create", async () => {
    await api(emulator, "/_emulator/requests", { method: "DELETE" });
    const before = await predictionCount();
    await expect(client.predictions.create({ version: LIGHTNING, input: { prompt: "[create-500]" } })).rejects.toThrow(/500/);
    expect(await predictionCount()).toBe(before);
    const { body } = await api(emulator, "/_emulator/requests");
    expect(body.requests.filter((r: { method: string }) => r.method === "POST")).toHaveLength(1);
  });

  it("create-reset drops the connection; by default nothing is created", async () => {
    await addFault({ match: "reset-me", fault: "create-reset" });
    const before = await predictionCount();
    const attempt = fetch(`${emulator.url}/v1/predictions`, {
      method: "POST",
      headers: { Authorization: "Bearer t" },
      body: JSON.stringify({ version: LIGHTNING, input: { prompt: "reset-me" } }),
    });
    await expect(attempt).rejects.toThrow();
    expect(await predictionCount()).toBe(before);
  });

  it("create-reset with created:true creates the prediction but never answers", async () => {
    await api(emulator, "/_emulator/requests", { method: "DELETE" });
    const attempt = fetch(`${emulator.url}/v1/predictions`, {
      method: "POST",
      headers: { Authorization: "Bearer t" },
      body: JSON.stringify({
        version: LIGHTNING,
        input: { prompt: "lost answer [create-reset:1]", ...SMALL },
      }),
    });
    await expect(attempt).rejects.toThrow();
    const { body } = await api(emulator, "/_emulator/requests");
    const id = body.requests[0].predictionId as string;
    expect((await waitForTerminal(client, id)).status).toBe("succeeded");
  });
});
