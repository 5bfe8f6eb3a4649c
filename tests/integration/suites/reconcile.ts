import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbRows, generationRow } from "../../helpers/db-inspect";
import { startHeldGeneration } from "../../helpers/generation-fixtures";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";

// The reconciler through its cron route: authorised by CRON_SECRET, at most one GET per
// prediction per interval however often (or concurrently) it runs, a stale threshold that
// follows each model's typical run (floor RECONCILE_AFTER_SECONDS, the default 20 s here), and
// queued rows whose create never answered failed after QUEUED_TIMEOUT_SECONDS. Time passing is
// played by moving a row's timestamps back, never by sleeping.
const CRON_SECRET = "cron-secret-for-tests-0123";
export function reconcileSuite(db: DbKind) {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      db,
      env: {
        CRON_SECRET,
        RECONCILE_AFTER_SECONDS: "20",
        RECONCILE_INTERVAL_SECONDS: "30",
        QUEUED_TIMEOUT_SECONDS: "5",
        REPLICATE_CREATE_TIMEOUT_SECONDS: "2",
      },
    });
    // History: SDXL runs take 40 s here, so its threshold is 3 × 40 = 120 s.
    await dbRows(sql`insert into generations (id, owner_id, model_key, version, input, status, created_at, completed_at, updated_at)
      select 'gen_history' || i || 'AAAAAAAAAAAAAAAAAAA', 'own_history_owner_0000000', 'sdxl', 'x', '{}'::jsonb, 'succeeded',
             now() - interval '1 hour', now() - interval '1 hour' + interval '40 seconds', now() - interval '1 hour'
      from generate_series(1, 3) as i`);
  });
  afterAll(async () => {
    await app?.close();
  });

  const cron = (auth?: string) => fetch(`${app.url}/api/cron/reconcile`, { headers: auth ? { authorization: auth } : {} });
  const runOnce = async () => {
    const res = await cron(`Bearer ${CRON_SECRET}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { outcomes: Record<string, number>; errors: number };
  };
  const silentFor = (id: string, seconds: number) =>
    dbRows(sql`update generations set updated_at = now() - make_interval(secs => ${seconds}), reconciled_at = null
      where id = ${id}`);
  const getsOf = async (predictionId: string) =>
    (await app.emulatorRequests()).filter((r) => r.method === "GET" && r.path === `/v1/predictions/${predictionId}`).length;

  describe(`reconciler on ${db}`, () => {
    it("requires the CRON_SECRET bearer token", async () => {
      expect((await cron()).status).toBe(401);
      expect((await cron("Bearer wrong-secret-wrong-secret")).status).toBe(401);
      const ok = await cron(`Bearer ${CRON_SECRET}`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ checked: expect.any(Number), errors: 0 });
    });

    it("asks Replicate at most once per prediction per interval, even when runs overlap", async () => {
      const browser = app.client();
      const held = await startHeldGeneration(browser, "silent and slow [drop-webhooks]");
      const { predictionId } = await generationRow(held.id);
      await silentFor(held.id, 25);
      await Promise.all([1, 2, 3].map(() => runOnce()));
      await runOnce();
      await runOnce();
      expect(await getsOf(predictionId as string)).toBe(1);
      expect((await browser.get(held.id)).body.status).toBe("starting");
      await browser.request(`/api/generations/${held.id}/cancel`, { method: "POST" });
    });

    it("checks a fast model after the floor (20 s), a slow one after 3× its typical run", async () => {
      const browser = app.client();
      const fast = await startHeldGeneration(browser, "fast model, lost webhooks [drop-webhooks]");
      const slow = await startHeldGeneration(browser, "slow model, lost webhooks [drop-webhooks]", "sdxl");
      const fastPrediction = (await generationRow(fast.id)).predictionId as string;
      const slowPrediction = (await generationRow(slow.id)).predictionId as string;

      await silentFor(fast.id, 15);
      await silentFor(slow.id, 60);
      await runOnce();
      expect([await getsOf(fastPrediction), await getsOf(slowPrediction)]).toEqual([0, 0]);

      await silentFor(fast.id, 21);
      await silentFor(slow.id, 100);
      await runOnce();
      expect([await getsOf(fastPrediction), await getsOf(slowPrediction)]).toEqual([1, 0]);

      await silentFor(slow.id, 125);
      await runOnce();
      expect(await getsOf(slowPrediction)).toBe(1);
      for (const id of [fast.id, slow.id]) await browser.request(`/api/generations/${id}/cancel`, { method: "POST" });
    });

    it("fails a queued generation whose create never answered, without calling Replicate", async () => {
      const id = "gen_QueuedForeverQueuedFore";
      await dbRows(sql`insert into generations (id, owner_id, model_key, version, input, status, created_at, updated_at)
        values (${id}, 'own_crashed_before_create_0', 'sdxl-lightning', 'x', '{"prompt":"lost"}'::jsonb, 'queued',
                now() - interval '10 seconds', now() - interval '10 seconds')`);
      const before = (await app.emulatorRequests()).length;
      const report = await runOnce();
      expect(report.outcomes["timed-out"]).toBe(1);
      const row = await generationRow(id);
      expect(row.status).toBe("failed");
      expect(row.error).toMatch(/never confirmed/);
      expect((await app.emulatorRequests()).length).toBe(before);
    });
  });
}
