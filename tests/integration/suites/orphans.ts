import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbRows, generationRow } from "../../helpers/db-inspect";
import {
  cancelCallsFor,
  emulatorPrediction,
  emulatorPredictionsMatching,
  eventually,
  runReconciler,
  untilEmulatorIdle,
} from "../../helpers/emulator-control";
import { startHeldGeneration } from "../../helpers/generation-fixtures";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";
import { postWebhook, signedHeaders } from "../../helpers/webhooks";

// No prediction runs, billed, without a live generation: when the create's answer is lost after
// Replicate started the prediction (held past our timeout, reset, malformed), when that cancel
// fails first, when a local cancel wins the race with the create. And an event reaches only its
// own generation: someone else's prediction is never canceled.
const CRON_SECRET = "cron-secret-for-orphan-tests";
/** Outlives the test (30 min at the test time scale): only a cancel ends it. */
const LONG = "[slow-run:36000]";

export function orphansSuite(db: DbKind) {
  describe(`no billed orphans on ${db}`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({
        db,
        env: { CRON_SECRET, REPLICATE_CREATE_TIMEOUT_SECONDS: "1", QUEUED_TIMEOUT_SECONDS: "3", RECONCILE_INTERVAL_SECONDS: "1" },
      });
    });
    afterAll(async () => {
      await app?.close();
    });

    const onlyPrediction = async (part: string) => {
      const found = await emulatorPredictionsMatching(app, part);
      expect(found).toHaveLength(1);
      return found[0]?.id as string;
    };
    /** Waits for the prediction to end canceled, running the reconciler meanwhile (as its timer would). */
    const endsCanceled = (predictionId: string) =>
      eventually(
        async () => {
          if ((await emulatorPrediction(app, predictionId))?.status === "canceled") return true;
          await runReconciler(app, CRON_SECRET);
          return false;
        },
        15_000,
        `${predictionId} canceled`,
      );
    const rowOf = async (part: string) =>
      (await dbRows<{ id: string }>(sql`select id from generations where input->>'prompt' like ${`%${part}%`}`))[0]?.id as string;

    it.each([
      ["held past our timeout", "[create-hold]"],
      ["reset after the request was read", "[create-reset-late]"],
      ["malformed", "[create-malformed:truncated]"],
    ])("a create answer %s after the start webhook: the prediction is canceled, the generation failed", async (name, marker) => {
      const browser = app.client();
      const { res, body } = await browser.create("sdxl-lightning", { prompt: `lost answer ${name} ${marker}${LONG}` });
      expect(res.status).toBe(502);
      expect(body.error?.message).toMatch(/Lost contact with Replicate/);
      const predictionId = await onlyPrediction(`lost answer ${name}`);
      await endsCanceled(predictionId);
      const row = await generationRow(await rowOf(`lost answer ${name}`));
      // Failed by the create's own failure, or earlier by the start webhook's arrival: either way lost.
      expect(row).toMatchObject({ status: "failed", predictionId, error: expect.stringMatching(/lost/i) });
      expect(row.predictionCancelConfirmedAt).not.toBeNull();
      await untilEmulatorIdle(app, predictionId);
      expect(await cancelCallsFor(app, predictionId)).toHaveLength(1);
    });

    it("a cancel Replicate refuses (503 twice) is retried by the reconciler until it sticks", async () => {
      const browser = app.client();
      const { res } = await browser.create("sdxl-lightning", {
        prompt: `orphan cancel refused [create-hold][cancel-503:2]${LONG}`,
      });
      expect(res.status).toBe(502);
      const predictionId = await onlyPrediction("orphan cancel refused");
      await eventually(async () => (await cancelCallsFor(app, predictionId)).length >= 1);
      expect((await emulatorPrediction(app, predictionId))?.status).toBe("processing");
      // Once per interval (1 s): run the reconciler until Replicate accepts the cancel.
      await eventually(async () => {
        await runReconciler(app, CRON_SECRET);
        return (await emulatorPrediction(app, predictionId))?.status === "canceled";
      }, 20_000);
      expect(await cancelCallsFor(app, predictionId)).toHaveLength(3);
      expect((await generationRow(await rowOf("orphan cancel refused"))).predictionCancelConfirmedAt).not.toBeNull();
    });

    it("an answer lost before the start webhook: the late webhook is matched to its create and the prediction canceled", async () => {
      const browser = app.client();
      const { res } = await browser.create("sdxl-lightning", { prompt: `reset at once [create-reset:1]${LONG}` });
      expect(res.status).toBe(502);
      const predictionId = await onlyPrediction("reset at once");
      await endsCanceled(predictionId);
      expect(await generationRow(await rowOf("reset at once"))).toMatchObject({ status: "failed", predictionId });
    });

    it("an answer lost and no webhook either: the reconciler finds the prediction in Replicate's list and cancels it", async () => {
      const browser = app.client();
      const { res } = await browser.create("sdxl-lightning", { prompt: `nothing tells us [create-hold][drop-webhooks]${LONG}` });
      expect(res.status).toBe(502);
      const predictionId = await onlyPrediction("nothing tells us");
      const id = await rowOf("nothing tells us");
      expect(await generationRow(id)).toMatchObject({ status: "failed", predictionId: null });
      await endsCanceled(predictionId);
      expect(await generationRow(id)).toMatchObject({ predictionId, lostPredictionSearchUntil: null });
      expect(await cancelCallsFor(app, predictionId)).toHaveLength(1);
    });

    it("a local cancel that wins the race with the create: the prediction started meanwhile is canceled", async () => {
      const browser = app.client();
      await browser.request("/api/generations"); // the owner cookie, before the create is in flight
      // Held 0.5 s (10 emulated seconds), webhooks dropped: the row stays queued without a prediction meanwhile.
      const creating = browser.create("sdxl-lightning", {
        prompt: `cancel wins the race [create-hold:10][drop-webhooks]${LONG}`,
      });
      const id = await eventually(() => rowOf("cancel wins the race"));
      const cancel = await browser.request(`/api/generations/${id}/cancel`, { method: "POST" });
      expect(cancel.status).toBe(200);
      expect(await cancel.json()).toMatchObject({ status: "canceled" });
      const { res } = await creating;
      expect(res.status).toBe(201);
      const predictionId = await onlyPrediction("cancel wins the race");
      await endsCanceled(predictionId);
      expect(await generationRow(id)).toMatchObject({ status: "canceled", predictionId });
    });

    it("a signed event for someone else's prediction changes nothing and cancels nothing (2xx)", async () => {
      const owner = app.client();
      const running = await startHeldGeneration(owner, "someone else's running job");
      const predictionA = (await generationRow(running.id)).predictionId as string;
      const refused = await app.client().create("sdxl-lightning", { prompt: "failed at create [create-500]" });
      expect(refused.res.status).toBe(502);
      const failedAtCreate = await rowOf("failed at create");
      const other = await startHeldGeneration(app.client(), "another running job");
      const before = [await generationRow(failedAtCreate), await generationRow(other.id)];

      const event = JSON.stringify({ ...(await emulatorPrediction(app, predictionA)), status: "processing" });
      for (const target of [failedAtCreate, other.id]) {
        for (let i = 0; i < 2; i++) {
          const res = await postWebhook(app.url, target, event, signedHeaders(app.emulator.webhookSecret, event));
          expect(res.status).toBe(200);
          expect(await res.json()).toMatchObject({ outcome: "ignored" });
        }
      }
      expect(await cancelCallsFor(app, predictionA)).toEqual([]);
      expect((await emulatorPrediction(app, predictionA))?.status).toMatch(/starting|processing/);
      expect([await generationRow(failedAtCreate), await generationRow(other.id)]).toEqual(before);
      expect((await owner.get(running.id)).body.status).toMatch(/starting|processing/);
      for (const id of [running.id, other.id]) await app.client().request(`/api/generations/${id}/cancel`, { method: "POST" });
    });
  });
}
