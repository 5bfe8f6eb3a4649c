import type Replicate from "replicate";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/server";
import {
  clientFor,
  deliveriesFor,
  eventually,
  LIGHTNING,
  type ReceivedWebhook,
  SDXL,
  SMALL,
  startReceiver,
  startTestEmulator,
  untilIdle,
  waitForTerminal,
} from "./helpers";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

let emulator: Emulator;
let client: Replicate;
let receiver: Receiver;
/** Answers 500 to the first two `completed` deliveries of prompts containing "flaky". */
const flakyCount = new Map<string, number>();

beforeAll(async () => {
  emulator = await startTestEmulator();
  client = clientFor(emulator);
  receiver = await startReceiver((hook) => {
    const flaky = String(hook.payload.input?.prompt).includes("flaky");
    if (flaky && ["succeeded", "failed"].includes(hook.payload.status)) {
      const seen = (flakyCount.get(hook.payload.id) ?? 0) + 1;
      flakyCount.set(hook.payload.id, seen);
      return seen <= 2 ? 500 : 204;
    }
    if (String(hook.payload.input?.prompt).includes("reject-start")) return 500;
    return 200;
  });
});
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

const events = (hooks: ReceivedWebhook[]) =>
  hooks.map((h) => (["succeeded", "failed", "canceled"].includes(h.payload.status) ? "completed" : h.payload.status));

async function runWithWebhook(input: Record<string, unknown>, filter?: string[], version = LIGHTNING) {
  const created = await client.predictions.create({
    version,
    input: { ...SMALL, ...input },
    webhook: receiver.url,
    ...(filter ? { webhook_events_filter: filter as ("start" | "completed")[] } : {}),
  });
  const done = await waitForTerminal(client, created.id);
  return { id: created.id, done };
}

describe("webhook delivery", () => {
  it("sends signed start, logs, output and completed events carrying the full prediction", async () => {
    const { id, done } = await runWithWebhook({ prompt: "signed" });
    const hooks = await eventually(() => {
      const list = receiver.forPrediction(id);
      return list.some((h) => h.payload.status === "succeeded") && list;
    });
    const verifier = new Webhook(emulator.webhookSecret);
    for (const hook of hooks) {
      const headers = hook.headers as Record<string, string>;
      expect(headers["webhook-id"]).toMatch(/^msg_[A-Za-z0-9]+$/);
      expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
      expect(Math.abs(Number(headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(5);
      expect(verifier.verify(hook.body, headers)).toEqual(hook.payload);
      expect(() => new Webhook("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").verify(hook.body, headers)).toThrow();
    }
    expect(events(hooks)[0]).toBe("processing"); // the `start` event
    expect(events(hooks)).toEqual(expect.arrayContaining(["completed"]));
    expect(hooks.at(-1)?.payload).toEqual(done);
    expect(new Set(hooks.map((h) => h.headers["webhook-id"])).size).toBe(hooks.length);
    const logged = await deliveriesFor(emulator, id);
    expect(logged.map((d) => d.event)).toEqual(expect.arrayContaining(["start", "logs", "output", "completed"]));
  });

  it("honours webhook_events_filter", async () => {
    const { id } = await runWithWebhook({ prompt: "filtered" }, ["completed"]);
    await untilIdle(emulator, id);
    expect(events(receiver.forPrediction(id))).toEqual(["completed"]);
  });

  it("throttles logs webhooks: each at least 500 ms (scaled) after the previous, logs only growing", async () => {
    // 20 progress updates over ~2.8 s emulated. How many get through depends on how late the
    // machine runs the timers, so the test checks the throttle's rule on the emulator's own log:
    // consecutive `logs` events are a window apart, whatever the load.
    const { id } = await runWithWebhook({ prompt: "chatty", num_inference_steps: 50 }, ["logs", "completed"], SDXL);
    // One prediction's messages go out in order: once `completed` was attempted, every `logs` was.
    const logged = await eventually(async () => {
      const list = await deliveriesFor(emulator, id);
      return list.some((d) => d.event === "completed") && list;
    });
    const logs = logged.filter((d) => d.event === "logs");
    expect(logs.length).toBeGreaterThanOrEqual(1);
    const windowMs = 500 * 0.05;
    for (let i = 1; i < logs.length; i++) {
      const gap = Date.parse(logs[i]?.eventAt ?? "") - Date.parse(logs[i - 1]?.eventAt ?? "");
      expect(gap).toBeGreaterThanOrEqual(windowMs - 1); // eventAt is compared at millisecond precision
    }
    const received = receiver.forPrediction(id).filter((h) => h.payload.status === "processing");
    expect(received.map((h) => h.headers["webhook-id"])).toEqual(logs.map((d) => d.webhookId));
    for (let i = 1; i < received.length; i++) {
      expect(received[i]?.payload.logs.startsWith(received[i - 1]?.payload.logs ?? "")).toBe(true);
    }
    // The final logs arrive with `completed`, which carries them all.
    const completed = receiver.forPrediction(id).find((h) => h.payload.status === "succeeded");
    expect(completed?.payload.logs.startsWith(received.at(-1)?.payload.logs ?? "")).toBe(true);
  });

  it("retries only the final webhook, with the same webhook-id, until it gets a 2xx", async () => {
    const { id } = await runWithWebhook({ prompt: "flaky" });
    const completed = await eventually(() => {
      const list = receiver.forPrediction(id).filter((h) => h.payload.status === "succeeded");
      return list.length === 3 && list;
    });
    expect(new Set(completed.map((h) => h.headers["webhook-id"])).size).toBe(1);
    const verifier = new Webhook(emulator.webhookSecret);
    for (const hook of completed) verifier.verify(hook.body, hook.headers as Record<string, string>);
    const logged = (await deliveriesFor(emulator, id)).filter((d) => d.event === "completed");
    expect(logged.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 204],
    ]);
  });

  it("never retries intermediate events", async () => {
    const { id } = await runWithWebhook({ prompt: "reject-start" }, ["start"]);
    await untilIdle(emulator, id);
    expect(receiver.forPrediction(id)).toHaveLength(1);
    expect((await deliveriesFor(emulator, id)).map((d) => [d.event, d.attempt, d.status])).toEqual([["start", 1, 500]]);
  });

  it("does not follow redirects, and gives up about a minute (scaled) after completion", async () => {
    const fast = await startTestEmulator({ timeScale: 0.01 });
    const redirecting = await startReceiver(() => 307);
    try {
      const created = await clientFor(fast).predictions.create({
        version: LIGHTNING,
        input: { prompt: "moved", ...SMALL },
        webhook: redirecting.url,
        webhook_events_filter: ["completed"],
      });
      const attempts = await eventually(async () => {
        const logged = await deliveriesFor(fast, created.id);
        return logged.length === 7 && logged;
      }, 3_000);
      expect(attempts.every((d) => d.status === 307)).toBe(true);
      await untilIdle(fast, created.id); // no retry left pending
      expect(await deliveriesFor(fast, created.id)).toHaveLength(7);
      expect(redirecting.received).toHaveLength(7); // all to /hook: the Location was never followed
    } finally {
      await fast.close();
      await redirecting.close();
    }
  });

  it("records network errors as status null and retries them", async () => {
    const gone = await startReceiver();
    await gone.close(); // nothing listens on this port any more
    const created = await client.predictions.create({
      version: LIGHTNING,
      input: { prompt: "unreachable", ...SMALL },
      webhook: gone.url,
      webhook_events_filter: ["completed"],
    });
    const logged = await eventually(async () => {
      const list = await deliveriesFor(emulator, created.id);
      return list.length >= 2 && list;
    });
    expect(logged.slice(0, 2).map((d) => [d.attempt, d.status])).toEqual([
      [1, null],
      [2, null],
    ]);
  });
});
