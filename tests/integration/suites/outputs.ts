import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "../../../src/lib/db/index";
import { commitTransitionWithOutputs } from "../../../src/lib/db/success-commit-queries";
import type { Transition } from "../../../src/lib/db/transition-queries";
import { recordVariants } from "../../../src/lib/db/variant-queries";
import { webhookEventSeen } from "../../../src/lib/db/webhook-event-queries";
import { dbRows, generationRow, outputRows } from "../../helpers/db-inspect";
import { emulatorPrediction, eventually, fileDownloads, runReconciler, untilEmulatorIdle } from "../../helpers/emulator-control";
import { startHeldGeneration } from "../../helpers/generation-fixtures";
import { COPIES_MADE, generationDir, outputFiles, storedFiles } from "../../helpers/stored-files";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";
import { postWebhook, signedHeaders } from "../../helpers/webhooks";

// Outputs are all or nothing: at most what the generation can have, a few downloads at a time,
// never one output downloaded twice at once, nothing left in storage by a failure or a crash.
const CRON_SECRET = "cron-secret-for-output-tests";

export function outputsSuite(db: DbKind) {
  describe(`outputs on ${db}`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({
        db,
        env: { CRON_SECRET, RECONCILE_AFTER_SECONDS: "1", RECONCILE_INTERVAL_SECONDS: "1" },
      });
    });
    afterAll(async () => {
      await app?.close();
    });

    const filesOf = (id: string) => storedFiles(app.dataDir, id);
    /** Until the sized copies are written and recorded (the claim released with them). */
    const copiesRecorded = (id: string) =>
      vi.waitFor(async () => {
        expect(filesOf(id)).toEqual(outputFiles(0));
        expect(await generationRow(id)).toMatchObject({ outputsClaim: null });
      }, COPIES_MADE);
    const predictionOf = async (id: string) => (await generationRow(id)).predictionId as string;
    /** A generation the emulator finished without telling us (webhooks dropped). */
    const silentlySucceeded = async (prompt: string, input: Record<string, unknown> = {}) => {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", { prompt: `${prompt} [drop-webhooks]`, ...input });
      const predictionId = await predictionOf(body.id);
      const prediction = await eventually(async () => {
        const p = await emulatorPrediction(app, predictionId);
        return p?.status === "succeeded" ? p : undefined;
      });
      return { browser, id: body.id, prediction };
    };

    it("the success commit is one all-or-nothing statement: a claim not held or a webhook id already seen writes nothing", async () => {
      const { id } = await startHeldGeneration(app.client(), "all or nothing");
      const db = await getDb();
      const outputs = [
        {
          generationId: id,
          index: 0,
          storageKey: `generations/${id}/0.png`,
          url: `/api/files/generations/${id}/0.png`,
          contentType: "image/png",
          bytes: 1,
          width: 1,
          height: 1,
          variants: [],
        },
      ];
      const event = (webhookId: string) => ({ webhookId, generationId: id, status: "succeeded" });
      const succeed: Transition = { status: "succeeded", completedAt: new Date(), outputsClaim: "held-here" };
      // Nobody holds the outputs claim under that token: the UPDATE does not apply, so nothing else happens.
      expect(await commitTransitionWithOutputs(db, id, succeed, event("msg_unheld"), outputs)).toBeNull();
      expect(await outputRows(id)).toEqual([]);
      expect(await webhookEventSeen(db, "msg_unheld")).toBe(false);
      await dbRows(
        sql`update generations set outputs_claim = 'held-here', outputs_claimed_until = now() + interval '1 minute' where id = ${id}`,
      );
      await dbRows(sql`insert into webhook_events (webhook_id, generation_id, status) values ('msg_seen', ${id}, 'succeeded')`);
      // The claim is held, but this delivery was applied before.
      expect(await commitTransitionWithOutputs(db, id, succeed, event("msg_seen"), outputs)).toBeNull();
      expect(await outputRows(id)).toEqual([]);
      expect((await generationRow(id)).status).not.toBe("succeeded");
      // Held and new: the status, the outputs and the webhook id together.
      expect(await commitTransitionWithOutputs(db, id, succeed, event("msg_new"), outputs)).toMatchObject({
        id,
        status: "succeeded",
      });
      expect(await outputRows(id)).toHaveLength(1);
      expect(await webhookEventSeen(db, "msg_new")).toBe(true);
      expect((await generationRow(id)).outputsClaim).toBeNull();
    });

    it("the copies are recorded by one all-or-nothing statement: only under a live claim of the token, on a generation not deleted", async () => {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", { prompt: "copies recorded all or nothing", num_outputs: 2 });
      expect((await browser.waitFor(body.id)).status).toBe("succeeded");
      await vi.waitFor(async () => expect(await generationRow(body.id)).toMatchObject({ outputsClaim: null }), COPIES_MADE);
      const id = body.id as string;
      const db = await getDb();
      const copy = (index: number, width: number) => ({
        width,
        height: width,
        key: `generations/${id}/${index}-w${width}.webp`,
        url: `/api/files/generations/${id}/${index}-w${width}.webp`,
        bytes: width,
      });
      const made = [
        { index: 0, variants: [copy(0, 320), copy(0, 640)] },
        { index: 1, variants: [] },
      ];
      const variantsNow = async () => (await outputRows(id)).sort((a, b) => a.index - b.index).map((o) => o.variants);
      const claimAs = async (token: string, lease: string) => {
        await dbRows(sql`update generation_outputs set variants = '[]'::jsonb where generation_id = ${id}`);
        await dbRows(sql`update generations set outputs_claim = ${token}, outputs_claimed_until = now() + ${lease}::interval
          where id = ${id}`);
      };
      // Another token's claim, and this token's with its lease run out (the sweeper's now): nothing written.
      await claimAs("copies:theirs", "1 minute");
      expect(await recordVariants(db, id, "copies:ours", made)).toBe(false);
      await claimAs("copies:ours", "-1 second");
      expect(await recordVariants(db, id, "copies:ours", made)).toBe(false);
      expect(await variantsNow()).toEqual([[], []]);
      expect((await generationRow(id)).outputsClaim).toBe("copies:ours");
      // Deleted meanwhile: nothing written either.
      await claimAs("copies:ours", "1 minute");
      await dbRows(sql`update generations set deleted_at = now() where id = ${id}`);
      expect(await recordVariants(db, id, "copies:ours", made)).toBe(false);
      expect(await variantsNow()).toEqual([[], []]);
      // Held, live, not deleted: the listed copies written and the claim released, together.
      await dbRows(sql`update generations set deleted_at = null where id = ${id}`);
      expect(await recordVariants(db, id, "copies:ours", made)).toBe(true);
      expect(await variantsNow()).toEqual([made[0]?.variants, []]);
      expect(await generationRow(id)).toMatchObject({ outputsClaim: null, outputsClaimedUntil: null });
    });

    it("one of two outputs gone for good: the generation fails and the other file is not kept", async () => {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", { prompt: "second output expired [file-404:1]", num_outputs: 2 });
      const done = await browser.waitFor(body.id);
      expect(done).toMatchObject({ status: "failed", error: expect.stringMatching(/expired/), outputs: [] });
      await untilEmulatorIdle(app, await predictionOf(body.id));
      // Output 0 was written before output 1 failed: deleted with the rest.
      expect(filesOf(body.id)).toEqual([]);
      expect(await outputRows(body.id)).toEqual([]);
    });

    it("a signed event listing 200 outputs stores only what was asked, two downloads at a time", async () => {
      const { browser, id, prediction } = await silentlySucceeded("two hundred urls", { num_outputs: 3 });
      const first = (prediction.output as string[])[0] as string;
      const event = JSON.stringify({ ...prediction, output: Array.from({ length: 200 }, () => first) });
      const res = await postWebhook(app.url, id, event, signedHeaders(app.emulator.webhookSecret, event));
      expect(res.status).toBe(200);
      expect((await browser.get(id)).body.outputs).toHaveLength(3);
      // Each 1024 px original with its sized WebP copies beside it (1024, 640 and 320 px wide).
      await vi.waitFor(() => expect(filesOf(id)).toEqual(outputFiles(0, 1, 2)), COPIES_MADE);
      const gets = (await fileDownloads(app, prediction.id)).filter((d) => d.method === "GET");
      expect(gets).toHaveLength(3);
      // `concurrent`: other fetches of the same file in flight when this one began.
      expect(Math.max(...gets.map((d) => d.concurrent))).toBeLessThanOrEqual(1);
    });

    it("the same completed webhook delivered 3 times at once downloads each output once", async () => {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", {
        prompt: "three deliveries [duplicate-webhooks:3][slow-file:2]",
        num_outputs: 2,
      });
      expect((await browser.waitFor(body.id)).status).toBe("succeeded");
      const predictionId = await predictionOf(body.id);
      await untilEmulatorIdle(app, predictionId);
      const gets = (await fileDownloads(app, predictionId)).filter((d) => d.method === "GET");
      expect(gets.map((d) => d.concurrent)).toEqual([0, 0]);
      expect(gets.map((d) => d.output).sort()).toEqual([0, 1]);
      await vi.waitFor(() => expect(filesOf(body.id)).toEqual(outputFiles(0, 1)), COPIES_MADE);
    });

    it("an output that keeps failing ends the generation failed after a bounded number of tries, no files left", async () => {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", {
        prompt: "second output always resets [file-reset:1]",
        num_outputs: 2,
      });
      const done = await eventually(
        async () => {
          await runReconciler(app, CRON_SECRET);
          const view = (await browser.get(body.id)).body;
          return view.status === "failed" ? view : undefined;
        },
        30_000,
        "failed after bounded tries",
      );
      expect(done.error).toMatch(/could not be copied from Replicate after 10 attempts/);
      await untilEmulatorIdle(app, await predictionOf(body.id));
      expect(filesOf(body.id)).toEqual([]);
      expect((await generationRow(body.id)).settleFailures).toBe(10);
    });

    it("crash leftovers (a temp file, an unreferenced output) are swept; referenced files stay", async () => {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", { prompt: "survived a crash" });
      expect((await browser.waitFor(body.id)).status).toBe("succeeded");
      await copiesRecorded(body.id);
      const dir = generationDir(app.dataDir, body.id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "1.png"), "half of an output written before a crash");
      writeFileSync(path.join(dir, ".2.png.0b4f.tmp"), "a write in progress when the process died");
      // The crashed applier's claim, its lease run out.
      await dbRows(sql`update generations set outputs_claim = 'crashed', outputs_claimed_until = now() - interval '1 second'
        where id = ${body.id}`);
      // This app's own reconciler timer (every second here) may get there first: either sweeps.
      await runReconciler(app, CRON_SECRET);
      await vi.waitFor(async () => {
        expect(filesOf(body.id)).toEqual(outputFiles(0));
        expect(await generationRow(body.id)).toMatchObject({ outputsClaim: null, status: "succeeded" });
      }, COPIES_MADE);
      const served = await browser.request((await browser.get(body.id)).body.outputs[0]?.url as string);
      expect(served.status).toBe(200);
    });

    it("a crash while the sized copies are made: the sweeper removes the unrecorded copies, the original stays and is shown", async () => {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", { prompt: "crashed while resizing" });
      expect((await browser.waitFor(body.id)).status).toBe("succeeded");
      await copiesRecorded(body.id);
      // As the copies stage leaves things when the process dies before recording: the copies
      // written but not in the row, and the claim (renamed for the copies) with its lease run out.
      await dbRows(sql`update generation_outputs set variants = '[]'::jsonb where generation_id = ${body.id}`);
      await dbRows(sql`update generations set outputs_claim = 'copies:crashed', outputs_claimed_until = now() - interval '1 second'
        where id = ${body.id}`);
      await runReconciler(app, CRON_SECRET);
      await vi.waitFor(async () => {
        expect(filesOf(body.id)).toEqual(["0.png"]);
        expect(await generationRow(body.id)).toMatchObject({ outputsClaim: null, status: "succeeded" });
      }, COPIES_MADE);
      const view = (await browser.get(body.id)).body;
      expect(view.outputs[0]?.variants).toEqual([]);
      expect((await browser.request(view.outputs[0]?.url as string)).status).toBe(200);
    });

    it("a delete while the sized copies are being made goes ahead; the copies made after it are deleted too", async () => {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", { prompt: "deleted while resizing" });
      expect((await browser.waitFor(body.id)).status).toBe("succeeded");
      await copiesRecorded(body.id);
      const original = readFileSync(path.join(generationDir(app.dataDir, body.id), "0.png"));
      // The copies stage in progress: its claim is live.
      await dbRows(sql`update generations set outputs_claim = 'copies:in-progress', outputs_claimed_until = now() + interval '2 minutes'
        where id = ${body.id}`);
      const deleted = await browser.request(`/api/generations/${body.id}`, { method: "DELETE" });
      expect(deleted.status).toBeLessThan(300);
      expect(filesOf(body.id)).toEqual([]);
      // The copies stage ends after the delete: it writes its copies, cannot record them, removes them.
      const { makeOutputVariants } = await import("../../../src/lib/generations/output-variants");
      await makeOutputVariants(body.id, "copies:in-progress", [{ index: 0, data: original, width: 1024 }]);
      expect(filesOf(body.id)).toEqual([]);
      expect(await generationRow(body.id)).toMatchObject({ outputsClaim: null });
    });
  });
}
