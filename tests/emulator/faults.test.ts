import type Replicate from "replicate";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parsePromptMarkers } from "../../src/emulator/faults";
import type { Emulator } from "../../src/emulator/server";
import {
  api,
  clientFor,
  eventually,
  LIGHTNING,
  type Prediction,
  SMALL,
  startReceiver,
  startTestEmulator,
  untilIdle,
  waitForTerminal,
} from "./helpers";

let emulator: Emulator;
let client: Replicate;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  emulator = await startTestEmulator();
  client = clientFor(emulator);
  receiver = await startReceiver();
});
afterEach(() => api(emulator, "/_emulator/faults", { method: "DELETE" }));
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

const addFault = (rule: Record<string, unknown>) =>
  api(emulator, "/_emulator/faults", { method: "POST", body: JSON.stringify(rule) });

async function run(prompt: string, options: { webhook?: boolean } = {}) {
  const created = await client.predictions.create({
    version: LIGHTNING,
    input: { prompt, ...SMALL },
    ...(options.webhook ? { webhook: receiver.url } : {}),
  });
  return {
    created: created as unknown as Prediction,
    done: await waitForTerminal(client, created.id),
  };
}

const statusOf = (p: Prediction) => (["succeeded", "failed", "canceled", "aborted"].includes(p.status) ? "completed" : p.status);

describe("prompt markers", () => {
  it("parses [name] and [name:value] into the fault's main option", () => {
    expect(parsePromptMarkers("a cat [cold-start:5] [nsfw] [duplicate-webhooks:2] [bogus] [slow-file:x]")).toEqual([
      { fault: "cold-start", options: { seconds: 5 } },
      { fault: "nsfw", options: {} },
      { fault: "duplicate-webhooks", options: { times: 2 } },
    ]);
    expect(parsePromptMarkers("[create-reset:1][create-429]")).toEqual([
      { fault: "create-reset", options: { created: true } },
      { fault: "create-429", options: { retry_after: 10 } },
    ]);
  });
});

describe("run faults", () => {
  it("cold-start keeps the prediction `starting` for that long", async () => {
    const { created, done } = await run("sleepy [cold-start:4]"); // 4 s × 0.05 = 200 ms
    expect(done.status).toBe("succeeded");
    const waited = Date.parse(done.started_at ?? "") - Date.parse(created.created_at);
    expect(waited).toBeGreaterThanOrEqual(200);
  });

  it("slow-run keeps the prediction `processing` that much longer", async () => {
    const { done } = await run("long job [slow-run:6]"); // 6 s × 0.05 = 300 ms more
    expect(done.status).toBe("succeeded");
    expect(done.metrics.predict_time).toBeGreaterThanOrEqual(0.3);
  });

  it("fail ends `failed` with the given error (default: a CUDA OOM)", async () => {
    await addFault({ match: "doomed", fault: "fail", error: "RuntimeError: boom" });
    const custom = await run("doomed prompt");
    expect(custom.done).toMatchObject({
      status: "failed",
      error: "RuntimeError: boom",
      output: null,
    });
    expect(custom.done.metrics.predict_time).toBeGreaterThan(0);
    const marker = await run("plain [fail]");
    expect(marker.done.error).toMatch(/^CUDA out of memory/);
    expect(marker.done.logs).toContain("Traceback");
  });

  it("nsfw ends `failed` with Replicate's NSFW message", async () => {
    const { done } = await run("something [nsfw]");
    expect(done.status).toBe("failed");
    expect(done.error).toBe("NSFW content detected. Try running it again, or try a different prompt.");
  });

  it("aborted ends with status `aborted` and still sends `completed`", async () => {
    const { created, done } = await run("[aborted] never runs", { webhook: true });
    expect(done).toMatchObject({ status: "aborted", output: null });
    await eventually(() => receiver.forPrediction(created.id).some((h) => h.payload.status === "aborted"));
  });
});

describe("webhook faults", () => {
  it("drop-webhooks sends nothing, though the prediction completes", async () => {
    const { created, done } = await run("quiet [drop-webhooks]", { webhook: true });
    expect(done.status).toBe("succeeded");
    await untilIdle(emulator, created.id);
    expect(receiver.forPrediction(created.id)).toEqual([]);
  });

  it("duplicate-webhooks delivers every event N times with the same webhook-id", async () => {
    const { created } = await run("echo [duplicate-webhooks:3]", { webhook: true });
    const hooks = await eventually(() => {
      const list = receiver.forPrediction(created.id);
      return list.filter((h) => h.payload.status === "succeeded").length === 3 && list;
    });
    const byId = new Map<string, number>();
    for (const h of hooks) byId.set(String(h.headers["webhook-id"]), (byId.get(String(h.headers["webhook-id"])) ?? 0) + 1);
    expect([...byId.values()].every((n) => n === 3)).toBe(true);
  });

  it("delay-webhooks delivers every webhook that much later", async () => {
    const { created, done } = await run("late [delay-webhooks:6]", { webhook: true }); // 300 ms
    const first = await eventually(() => receiver.forPrediction(created.id)[0], 3_000);
    expect(first.at - Date.parse(done.created_at)).toBeGreaterThanOrEqual(300);
  });

  it("out-of-order delivers `completed` first, then the earlier events", async () => {
    const { created } = await run("shuffled [out-of-order]", { webhook: true });
    const hooks = await eventually(() => {
      const list = receiver.forPrediction(created.id);
      return list.some((h) => h.payload.status === "processing") && list;
    });
    expect(statusOf(hooks[0]?.payload as Prediction)).toBe("completed");
    expect(hooks.slice(1).map((h) => statusOf(h.payload))).toContain("processing");
  });
});

describe("file faults", () => {
  it("slow-file sends headers at once and trickles the body over the given time", async () => {
    const { done } = await run("slow [slow-file:8]"); // 8 s × 0.05 = 400 ms
    const started = Date.now();
    const response = await fetch(done.output?.[0] ?? "");
    // Headers first, then the body in several pieces: counted, not timed against the clock.
    const reader = response.body?.getReader();
    let chunks = 0;
    let length = 0;
    for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) {
      chunks++;
      length += part.value.length;
    }
    expect(chunks).toBeGreaterThan(1);
    expect(length).toBe(Number(response.headers.get("content-length")));
    // A lower bound only: the emulator spreads the body over 400 ms, so it can never be quicker.
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it("file-404 answers 404 for that prediction's files", async () => {
    const { done } = await run("gone [file-404]");
    expect(done.status).toBe("succeeded");
    expect((await fetch(done.output?.[0] ?? "")).status).toBe(404);
  });
});
