import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbRows, generationRow } from "../../helpers/db-inspect";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";

// The reconciler through its cron route: authorised by CRON_SECRET, at most one GET per
// prediction per interval however often (or concurrently) it runs, and queued rows whose
// create never answered are failed after QUEUED_TIMEOUT_SECONDS.
const CRON_SECRET = "cron-secret-for-tests-0123";
export function reconcileSuite(db: DbKind) {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      db,
      env: { CRON_SECRET, RECONCILE_AFTER_SECONDS: "1", RECONCILE_INTERVAL_SECONDS: "30", QUEUED_TIMEOUT_SECONDS: "5" },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  const cron = (auth?: string) => fetch(`${app.url}/api/cron/reconcile`, { headers: auth ? { authorization: auth } : {} });

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
      const { body } = await browser.create("sdxl-lightning", { prompt: "silent and slow [drop-webhooks] [cold-start:3600]" });
      const { predictionId } = await generationRow(body.id);
      await new Promise((r) => setTimeout(r, 1200)); // past RECONCILE_AFTER_SECONDS
      await Promise.all([1, 2, 3].map(() => cron(`Bearer ${CRON_SECRET}`)));
      await cron(`Bearer ${CRON_SECRET}`);
      await cron(`Bearer ${CRON_SECRET}`);
      const gets = (await app.emulatorRequests()).filter(
        (r) => r.method === "GET" && r.path === `/v1/predictions/${predictionId}`,
      );
      expect(gets).toHaveLength(1);
      expect((await browser.get(body.id)).body.status).toBe("starting");
    });

    it("fails a queued generation whose create never answered, without calling Replicate", async () => {
      const id = "gen_QueuedForeverQueuedFore";
      await dbRows(sql`insert into generations (id, owner_id, model_key, version, input, status, created_at, updated_at)
        values (${id}, 'own_crashed_before_create_0', 'sdxl-lightning', 'x', '{"prompt":"lost"}'::jsonb, 'queued',
                now() - interval '10 seconds', now() - interval '10 seconds')`);
      const before = (await app.emulatorRequests()).length;
      const report = (await (await cron(`Bearer ${CRON_SECRET}`)).json()) as { outcomes: Record<string, number> };
      expect(report.outcomes["timed-out"]).toBe(1);
      const row = await generationRow(id);
      expect(row.status).toBe("failed");
      expect(row.error).toMatch(/never confirmed/);
      expect((await app.emulatorRequests()).length).toBe(before);
    });
  });
}
