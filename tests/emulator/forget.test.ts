import type Replicate from "replicate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/server";
import {
  activity,
  api,
  clientFor,
  deliveriesFor,
  eventually,
  LIGHTNING,
  type Prediction,
  SMALL,
  startReceiver,
  startTestEmulator,
  untilIdle,
  waitForTerminal,
} from "./helpers";

// DELETE /_emulator/predictions forgets every prediction, as an emulator restart would (in
// production: a token or account change). DELETE /_emulator/predictions/:id forgets one.

const NOT_FOUND = { detail: "The requested resource could not be found.", status: 404 };

let emulator: Emulator;
let client: Replicate;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  // Slow enough that the failing `completed` still has retries pending (the last one comes
  // about 30 emulated seconds after the first) however busy the machine is.
  emulator = await startTestEmulator({ timeScale: 0.5 });
  client = clientFor(emulator);
  // `completed` of "unwelcome" prompts always fails, so its retries stay pending.
  receiver = await startReceiver((hook) =>
    String(hook.payload.input?.prompt).includes("unwelcome") && hook.payload.status === "succeeded" ? 500 : 200,
  );
});
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

const create = async (prompt: string, webhook = true) =>
  (await client.predictions.create({
    version: LIGHTNING,
    input: { prompt, ...SMALL },
    ...(webhook ? { webhook: receiver.url } : {}),
  })) as unknown as Prediction;

describe("forgetting predictions", () => {
  it("forgets every prediction: 404 for GET and cancel, gone from the list and the file host, nothing more sent", async () => {
    const finished = await create("already done");
    const done = await waitForTerminal(client, finished.id);
    const running = await create("still starting [cold-start:3600]");
    const retrying = await create("unwelcome");
    // Its `completed` failed once: a retry is now pending.
    await eventually(async () => (await deliveriesFor(emulator, retrying.id)).some((d) => d.event === "completed"));
    expect((await activity(emulator, retrying.id)).timers).toBeGreaterThan(0);

    const forgot = await api(emulator, "/_emulator/predictions", { method: "DELETE" });
    const forgotAt = Date.now();
    expect(forgot).toMatchObject({ status: 200, body: { forgotten: 3 } });
    expect([...forgot.body.ids].sort()).toEqual([finished.id, running.id, retrying.id].sort());

    for (const id of [finished.id, running.id, retrying.id]) {
      expect(await api(emulator, `/v1/predictions/${id}`)).toMatchObject({ status: 404, body: NOT_FOUND });
      expect(await api(emulator, `/v1/predictions/${id}/cancel`, { method: "POST" })).toMatchObject({
        status: 404,
        body: NOT_FOUND,
      });
    }
    expect((await client.predictions.list()).results).toEqual([]);
    expect((await fetch(done.output?.[0] ?? "")).status).toBe(404);
    // Nothing is pending any more, so nothing else can ever be sent; nothing was started after the DELETE.
    expect(await untilIdle(emulator)).toMatchObject({ predictions: 0, running: 0, files: 0, timers: 0 });
    for (const id of [running.id, retrying.id]) {
      for (const d of await deliveriesFor(emulator, id)) expect(Date.parse(d.at)).toBeLessThanOrEqual(forgotAt);
    }
    expect(receiver.forPrediction(running.id)).toEqual([]); // never got to start
  });

  it("new predictions work as usual afterwards", async () => {
    await api(emulator, "/_emulator/predictions", { method: "DELETE" });
    const fresh = await create("after the restart", false);
    expect((await waitForTerminal(client, fresh.id)).status).toBe("succeeded");
  });

  it("forgets one prediction by id; an unknown id is 404", async () => {
    const keep = await create("keep me [cold-start:3600]", false);
    const drop = await create("drop me [cold-start:3600]", false);
    expect(await api(emulator, `/_emulator/predictions/${drop.id}`, { method: "DELETE" })).toMatchObject({
      status: 200,
      body: { forgotten: 1, ids: [drop.id] },
    });
    expect((await api(emulator, `/v1/predictions/${drop.id}`)).status).toBe(404);
    expect((await api(emulator, `/v1/predictions/${keep.id}`)).body.status).toBe("starting");
    expect(await activity(emulator, drop.id)).toMatchObject({ idle: true, predictions: 0 });
    expect(await activity(emulator, keep.id)).toMatchObject({ idle: false, predictions: 1, running: 1 });
    expect((await api(emulator, `/_emulator/predictions/${drop.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("drops requests still waiting on a forgotten prediction (Prefer: wait, held creates)", async () => {
    const post = (prompt: string, prefer?: string) =>
      fetch(`${emulator.url}/v1/predictions`, {
        method: "POST",
        headers: { Authorization: "Bearer t", ...(prefer ? { Prefer: prefer } : {}) },
        body: JSON.stringify({ version: LIGHTNING, input: { prompt, ...SMALL } }),
      });
    const waiting = post("patient [cold-start:3600]", "wait=60");
    const held = post("held [create-hold]");
    await eventually(async () => {
      const now = await activity(emulator);
      return now.waitingRequests >= 1 && now.heldCreates === 1;
    });
    await api(emulator, "/_emulator/predictions", { method: "DELETE" });
    await expect(waiting).rejects.toThrow();
    await expect(held).rejects.toThrow();
    expect(await untilIdle(emulator)).toMatchObject({ predictions: 0, heldCreates: 0, waitingRequests: 0 });
  });
});
