import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbRows, generationRow } from "../../helpers/db-inspect";
import { cancelCallsFor, emulatorPrediction, eventually, forgetPrediction, runReconciler } from "../../helpers/emulator-control";
import { startHeldGeneration } from "../../helpers/generation-fixtures";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";

// Every generation ends within bounds, whatever Replicate does: a prediction it no longer knows
// (restart, token change), one it will not report on, one that runs too long. Through a proxy,
// so Replicate can also be made to answer every GET with a 503.
const CRON_SECRET = "cron-secret-for-bounded-end";
const MAX_SETTLE_FAILURES = 10;

export function boundedEndSuite(db: DbKind) {
  describe(`bounded end on ${db}`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ db, proxy: true, env: { CRON_SECRET, RECONCILE_AFTER_SECONDS: "20" } });
    });
    afterAll(async () => {
      await app?.close();
    });

    /** Plays "silent past its threshold, not checked this interval" without waiting for it. */
    const due = (id: string) =>
      dbRows(sql`update generations set updated_at = now() - interval '1 minute', reconciled_at = null where id = ${id}`);
    const predictionOf = async (id: string) => (await generationRow(id)).predictionId as string;

    it("a prediction Replicate no longer knows fails, saying so, and is asked about no more", async () => {
      const browser = app.client();
      const held = await startHeldGeneration(browser, "forgotten by replicate");
      const predictionId = await predictionOf(held.id);
      await forgetPrediction(app, predictionId);
      await due(held.id);
      expect((await runReconciler(app, CRON_SECRET)).outcomes["unknown-prediction"]).toBe(1);
      const view = (await browser.get(held.id)).body;
      expect(view.status).toBe("failed");
      expect(view.error).toMatch(/Replicate no longer knows/);
      // Its running slot is free; later runs leave it alone.
      await due(held.id);
      expect((await runReconciler(app, CRON_SECRET)).checked).toBe(0);
    });

    it("canceling a prediction Replicate no longer knows cancels the generation here (no 502)", async () => {
      const browser = app.client();
      const held = await startHeldGeneration(browser, "forgotten, then canceled");
      await forgetPrediction(app, await predictionOf(held.id));
      const res = await browser.request(`/api/generations/${held.id}/cancel`, { method: "POST" });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "canceled", canceledBy: "owner" });
      expect(await generationRow(held.id)).toMatchObject({ status: "canceled", predictionCancelConfirmedAt: expect.any(Date) });
    });

    it(`one GET per check while Replicate answers 503 (no SDK burst); after ${MAX_SETTLE_FAILURES} the generation fails and its prediction is canceled`, async () => {
      const proxy = app.proxy;
      if (!proxy) throw new Error("no proxy");
      const browser = app.client();
      const held = await startHeldGeneration(browser, "replicate will not say");
      const predictionId = await predictionOf(held.id);
      const gets = () => proxy.requests.filter((r) => r.method === "GET" && r.path === `/v1/predictions/${predictionId}`);
      proxy.failGets = true;
      try {
        for (let check = 1; check <= MAX_SETTLE_FAILURES; check++) {
          await due(held.id);
          await runReconciler(app, CRON_SECRET);
          expect(gets()).toHaveLength(check);
          expect((await generationRow(held.id)).status).toBe(check < MAX_SETTLE_FAILURES ? "starting" : "failed");
        }
      } finally {
        proxy.failGets = false;
      }
      expect((await browser.get(held.id)).body.error).toMatch(/did not tell us/);
      expect((await emulatorPrediction(app, predictionId))?.status).toBe("canceled");
      expect(await cancelCallsFor(app, predictionId)).toHaveLength(1);
    });

    it("a generation still running after 2 hours is stopped and its prediction canceled", async () => {
      const browser = app.client();
      const held = await startHeldGeneration(browser, "running far too long");
      const predictionId = await predictionOf(held.id);
      await dbRows(
        sql`update generations set created_at = now() - interval '3 hours', reconciled_at = null where id = ${held.id}`,
      );
      expect((await runReconciler(app, CRON_SECRET)).outcomes["too-old"]).toBe(1);
      expect((await browser.get(held.id)).body).toMatchObject({
        status: "failed",
        error: expect.stringMatching(/within 2 hours/),
      });
      await eventually(async () => (await emulatorPrediction(app, predictionId))?.status === "canceled");
    });
  });
}
