import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dbRows, generationRow, outputRows } from "../../helpers/db-inspect";
import { emulatorPrediction, eventually, fileDownloads, untilEmulatorIdle } from "../../helpers/emulator-control";
import { startHeldGeneration } from "../../helpers/generation-fixtures";
import { COPIES_MADE, outputFiles } from "../../helpers/stored-files";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";
import { postWebhook, signedHeaders } from "../../helpers/webhooks";

// Races that only real PostgreSQL (overlapping transactions) can show: duplicate webhook
// deliveries, a webhook and the reconciler settling one generation at once, cancels racing each
// other and racing the end of the job.
const CRON_SECRET = "cron-secret-for-race-tests";
const ADMIN_PASSWORD = "admin-password-for-race-tests";

export function racesSuite(db: DbKind) {
  describe(`races on ${db}`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ db, env: { CRON_SECRET, ADMIN_PASSWORD, RECONCILE_AFTER_SECONDS: "1" } });
    });
    afterAll(async () => {
      await app?.close();
    });

    const filesOf = (id: string) => {
      const dir = path.join(app.dataDir, "files", "generations", id);
      return existsSync(dir) ? readdirSync(dir).sort() : [];
    };
    const silentlySucceeded = async (prompt: string) => {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", { prompt: `${prompt} [drop-webhooks]`, num_outputs: 2 });
      const predictionId = (await generationRow(body.id)).predictionId as string;
      const prediction = await eventually(async () => {
        const p = await emulatorPrediction(app, predictionId);
        return p?.status === "succeeded" ? p : undefined;
      });
      return { browser, id: body.id, prediction };
    };

    it("the same completed webhook 5 times at once: one applies, all answer 200, outputs stored once", async () => {
      const { browser, id, prediction } = await silentlySucceeded("five at once");
      const body = JSON.stringify(prediction);
      const headers = signedHeaders(app.emulator.webhookSecret, body, { id: "msg_same_delivery_five_times" });
      const answers = await Promise.all(Array.from({ length: 5 }, () => postWebhook(app.url, id, body, headers)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      const outcomes = await Promise.all(answers.map(async (a) => ((await a.json()) as { outcome: string }).outcome));
      expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
      expect(await outputRows(id)).toHaveLength(2);
      await vi.waitFor(() => expect(filesOf(id)).toEqual(outputFiles(0, 1)), COPIES_MADE);
      expect((await browser.get(id)).body.status).toBe("succeeded");
      expect((await fileDownloads(app, prediction.id)).map((d) => d.concurrent)).toEqual([0, 0]);
    });

    it("a webhook and the reconciler settling one success at once: one copy of each output, never two downloads at once", async () => {
      const { browser, id, prediction } = await silentlySucceeded("webhook meets reconciler");
      await dbRows(sql`update generations set updated_at = now() - interval '1 minute', reconciled_at = null where id = ${id}`);
      const body = JSON.stringify(prediction);
      const [webhook, cron] = await Promise.all([
        postWebhook(app.url, id, body, signedHeaders(app.emulator.webhookSecret, body)),
        fetch(`${app.url}/api/cron/reconcile`, { headers: { authorization: `Bearer ${CRON_SECRET}` } }),
      ]);
      expect(cron.status).toBe(200);
      // The loser of the outputs claim is told to come back (503), as Replicate would.
      expect([200, 503]).toContain(webhook.status);
      if (webhook.status === 503) {
        const again = await postWebhook(app.url, id, body, signedHeaders(app.emulator.webhookSecret, body));
        expect(again.status).toBe(200);
      }
      expect((await browser.get(id)).body.status).toBe("succeeded");
      await vi.waitFor(() => expect(filesOf(id)).toEqual(outputFiles(0, 1)), COPIES_MADE);
      const gets = await fileDownloads(app, prediction.id);
      expect(gets.every((d) => d.concurrent === 0)).toBe(true);
    });

    it("owner and admin cancel at once: no 5xx, canceled, nothing left running", async () => {
      const owner = app.client();
      const admin = app.client();
      expect((await admin.request("/api/admin/session", { json: { password: ADMIN_PASSWORD } })).status).toBe(200);
      const held = await startHeldGeneration(owner, "canceled twice at once");
      const answers = await Promise.all([
        owner.request(`/api/generations/${held.id}/cancel`, { method: "POST" }),
        owner.request(`/api/generations/${held.id}/cancel`, { method: "POST" }),
        admin.request("/api/admin/generations/cancel", { json: { ids: [held.id] } }),
      ]);
      for (const res of answers) expect([200, 409]).toContain(res.status);
      expect((await owner.get(held.id)).body.status).toBe("canceled");
      const predictionId = (await generationRow(held.id)).predictionId as string;
      expect((await emulatorPrediction(app, predictionId))?.status).toBe("canceled");
    });

    it("a cancel racing the end of the job: canceled with nothing stored, or succeeded with everything", async () => {
      const owner = app.client();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const { body } = await owner.create("sdxl-lightning", { prompt: `photo finish ${i} [slow-file:2]`, num_outputs: 2 });
        ids.push(body.id);
        const res = await owner.request(`/api/generations/${body.id}/cancel`, { method: "POST" });
        expect([200, 202, 409]).toContain(res.status);
      }
      for (const id of ids) {
        const done = await owner.waitFor(id);
        await untilEmulatorIdle(app, (await generationRow(id)).predictionId ?? undefined);
        if (done.status === "succeeded") {
          expect(done.outputs).toHaveLength(2);
          await vi.waitFor(() => expect(filesOf(id)).toEqual(outputFiles(0, 1)), COPIES_MADE);
        } else {
          expect(done.status).toBe("canceled");
          expect(await outputRows(id)).toEqual([]);
          expect(filesOf(id)).toEqual([]);
        }
      }
    });
  });
}
