import type Replicate from "replicate";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/server";
import {
  activity,
  addFault,
  api,
  clientFor,
  deliveriesFor,
  eventually,
  LIGHTNING,
  type Prediction,
  SMALL,
  startReceiver,
  startTestEmulator,
  waitForTerminal,
} from "./helpers";

// A create whose answer is lost after the prediction started and its `start` webhook was
// attempted: held (`create-hold`), reset (`create-reset-late`) or malformed (`create-malformed`).

let emulator: Emulator;
let client: Replicate;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  emulator = await startTestEmulator();
  client = clientFor(emulator);
  // A `start` refused by the receiver still counts as attempted.
  receiver = await startReceiver((hook) => (String(hook.payload.input?.prompt).includes("grumpy") ? 500 : 200));
});
afterEach(() => api(emulator, "/_emulator/faults", { method: "DELETE" }));
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

function post(prompt: string, signal?: AbortSignal) {
  return fetch(`${emulator.url}/v1/predictions`, {
    method: "POST",
    headers: { Authorization: "Bearer t", "Content-Type": "application/json" },
    body: JSON.stringify({ version: LIGHTNING, input: { prompt, ...SMALL }, webhook: receiver.url }),
    signal,
  });
}

/** The prediction a create made, from the request log (its answer was lost). */
async function predictionOf(prompt: string): Promise<string> {
  const all = (await client.predictions.list()).results as unknown as Prediction[];
  const found = all.find((p) => p.input?.prompt === prompt);
  if (!found) throw new Error(`no prediction for ${prompt}`);
  return found.id;
}

/** The `start` webhook had its first attempt (what every lost answer waits for). */
async function startAttempted(id: string): Promise<boolean> {
  return (await deliveriesFor(emulator, id)).some((d) => d.event === "start");
}

describe("lost create answers", () => {
  it("create-reset-late resets the connection only after the start webhook was attempted", async () => {
    for (const prompt of ["late reset [create-reset-late]", "grumpy late reset [create-reset-late]"]) {
      await expect(post(prompt)).rejects.toThrow();
      const id = await predictionOf(prompt);
      expect(await startAttempted(id)).toBe(true);
      expect(receiver.forPrediction(id)[0]?.payload.status).toBe("processing");
      expect((await waitForTerminal(client, id)).status).toBe("succeeded"); // it runs on, billed
    }
  });

  it("create-malformed answers 201 with a body that does not parse, after the start webhook", async () => {
    for (const [variant, type] of [
      ["", "application/json"],
      [":html", "text/html"],
      [":empty", "application/json"],
    ] as const) {
      const prompt = `garbled [create-malformed${variant}]`;
      const response = await post(prompt);
      expect(response.status).toBe(201);
      expect(response.headers.get("content-type")).toBe(type);
      const text = await response.text();
      expect(() => JSON.parse(text)).toThrow();
      const id = await predictionOf(prompt);
      expect(await startAttempted(id)).toBe(true);
      if (variant === "") expect(text).toContain(id); // a truncated copy of the real answer
    }
  });

  it("create-hold (no value) holds the answer until the caller gives up; the prediction runs on", async () => {
    const prompt = "held forever [create-hold]";
    const abort = new AbortController();
    const attempt = post(prompt, abort.signal);
    // The caller times out only after the start webhook reached the product.
    const id = await eventually(async () => {
      const all = (await client.predictions.list()).results as unknown as Prediction[];
      const found = all.find((p) => p.input?.prompt === prompt);
      return found && (await startAttempted(found.id)) && found.id;
    });
    expect(await activity(emulator, id)).toMatchObject({ heldCreates: 1 });
    abort.abort();
    await expect(attempt).rejects.toThrow();
    await eventually(async () => (await activity(emulator, id)).heldCreates === 0);
    expect((await waitForTerminal(client, id)).status).toBe("succeeded");
  });

  it("create-hold:S answers normally after S seconds, and never before the start webhook", async () => {
    const prompt = "held a while [create-hold:4]"; // 200 ms real
    const sent = Date.now();
    const response = await post(prompt);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(190);
    expect(response.status).toBe(201);
    const body = (await response.json()) as Prediction;
    expect(await startAttempted(body.id)).toBe(true);
    expect(body.started_at).toBeDefined();
  });

  it("a create-hold rule can reset instead of answering (`end: reset`)", async () => {
    const rule = await addFault(emulator, { match: "hold then drop", fault: "create-hold", seconds: 1, end: "reset" });
    expect(rule.body.options).toEqual({ seconds: 1, end: "reset" });
    await expect(post("hold then drop")).rejects.toThrow();
    expect(await startAttempted(await predictionOf("hold then drop"))).toBe(true);
  });

  it("without a start webhook to wait for, the answer is lost once the prediction is processing", async () => {
    const prompt = "no hook [create-reset-late]";
    const attempt = fetch(`${emulator.url}/v1/predictions`, {
      method: "POST",
      headers: { Authorization: "Bearer t" },
      body: JSON.stringify({ version: LIGHTNING, input: { prompt, ...SMALL } }),
    });
    await expect(attempt).rejects.toThrow();
    const prediction = (await client.predictions.get(await predictionOf(prompt))) as unknown as Prediction;
    expect(prediction.started_at).toBeDefined();
  });

  it("a prediction that ends before starting releases the answer too (aborted)", async () => {
    await expect(post("never starts [aborted] [create-reset-late]")).rejects.toThrow();
    const id = await predictionOf("never starts [aborted] [create-reset-late]");
    expect((await client.predictions.get(id)).status).toBe("aborted");
  });
});
