import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generationRow, outputCount } from "../helpers/db-inspect";
import { untilEmulatorIdle } from "../helpers/emulator-control";
import { cancelCalls, startHeldGeneration } from "../helpers/generation-fixtures";
import { startTestApp, type TestApp } from "../helpers/test-app";

// Flow 4: the owner cancels; others cannot see or cancel; finished is 409; queued never reaches Replicate.
describe("canceling a generation", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("the owner cancels their running generation: canceled within seconds, one cancel call, no output", async () => {
    const owner = app.client();
    const running = await startHeldGeneration(owner, "a slow lighthouse");
    const { predictionId } = await generationRow(running.id);
    expect(predictionId).toEqual(expect.any(String));

    const res = await owner.request(`/api/generations/${running.id}/cancel`, { method: "POST" });
    expect(res.status).toBe(200);
    // Settled by the cancel's own answer, not by a later webhook.
    expect(await res.json()).toMatchObject({ status: "canceled", canceledBy: "owner", outputs: [] });

    await untilEmulatorIdle(app, predictionId as string); // the final webhook (and any retry) has landed
    expect(await cancelCalls(app, predictionId as string)).toHaveLength(1);
    const row = await generationRow(running.id);
    expect(row).toMatchObject({ status: "canceled", canceledBy: "owner" });
    expect(row.cancelRequestedAt).not.toBeNull();
    expect(await outputCount(running.id)).toBe(0);
    expect(existsSync(path.join(app.dataDir, "files", "generations", running.id))).toBe(false);
  });

  it("another browser gets 404 for GET and cancel, and the generation keeps running", async () => {
    const owner = app.client();
    const stranger = app.client();
    const running = await startHeldGeneration(owner, "a private owl");
    expect((await stranger.get(running.id)).status).toBe(404);
    const res = await stranger.request(`/api/generations/${running.id}/cancel`, { method: "POST" });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    const { predictionId, status } = await generationRow(running.id);
    expect(status).toMatch(/starting|processing/);
    expect(await cancelCalls(app, predictionId as string)).toHaveLength(0);
    await owner.request(`/api/generations/${running.id}/cancel`, { method: "POST" });
  });

  it("a finished generation answers 409 with its current state and changes nothing", async () => {
    const owner = app.client();
    const { body } = await owner.create("sdxl-lightning", { prompt: "a quick sketch of a cat" });
    const finished = await owner.waitFor(body.id);
    expect(finished.status).toBe("succeeded");
    const before = await generationRow(body.id);

    const res = await owner.request(`/api/generations/${body.id}/cancel`, { method: "POST" });
    expect(res.status).toBe(409);
    const answer = (await res.json()) as { error: { code: string }; generation: { status: string } };
    expect(answer.error.code).toBe("conflict");
    expect(answer.generation.status).toBe("succeeded");
    expect(await generationRow(body.id)).toEqual(before);
    expect(await cancelCalls(app, before.predictionId as string)).toHaveLength(0);
    expect((await owner.get(body.id)).body).toEqual(finished);
  });

  it("a cancel while the webhook is saving the images answers 202 with the row, not 503; the save then commits the success", async () => {
    const owner = app.client();
    const { body } = await owner.create("sdxl-lightning", { prompt: "saving right now [slow-file:3]" });
    // The completed webhook holds the outputs claim while the emulator trickles the file.
    await vi.waitFor(
      async () => {
        const row = await generationRow(body.id);
        expect(row.outputsClaim).not.toBeNull();
        expect(row.status).not.toBe("succeeded");
      },
      { timeout: 20_000, interval: 20 },
    );
    const res = await owner.request(`/api/generations/${body.id}/cancel`, { method: "POST" });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { status: string }).status).toBe("processing");
    const done = await owner.waitFor(body.id);
    expect(done.status).toBe("succeeded");
    expect(done.outputs).toHaveLength(1);
  });

  it("a queued generation (no prediction yet) is canceled locally, without calling Replicate", async () => {
    const owner = app.client();
    const { body } = await owner.create("sdxl-lightning", { prompt: "just to learn my owner id" });
    const { ownerId } = await generationRow(body.id);
    await owner.waitFor(body.id);

    const { getDb } = await import("../../src/lib/db/index");
    const { insertGeneration } = await import("../../src/lib/db/queries");
    const { newGenerationId } = await import("../../src/lib/generations/ids");
    const queued = await insertGeneration(await getDb(), {
      id: newGenerationId(),
      ownerId,
      modelKey: "sdxl-lightning",
      version: "bytedance/sdxl-lightning-4step:pinned",
      input: { prompt: "never sent" },
      status: "queued",
    });
    const requestsBefore = (await app.emulatorRequests()).length;

    const res = await owner.request(`/api/generations/${queued.id}/cancel`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: queued.id, status: "canceled", canceledBy: "owner" });
    expect((await app.emulatorRequests()).length).toBe(requestsBefore);
    expect(await generationRow(queued.id)).toMatchObject({ status: "canceled", predictionId: null, canceledBy: "owner" });
  });
});
