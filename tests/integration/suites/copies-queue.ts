import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { afterResponseSettled, runAfterResponse } from "../../../src/lib/runtime/after-response";
import { dbRows, generationRow } from "../../helpers/db-inspect";
import { runReconciler } from "../../helpers/emulator-control";
import { COPIES_MADE, outputFiles } from "../../helpers/stored-files";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";

// The sized copies wait their turn behind one another (src/lib/generations/variant-queue.ts):
// their claims stay live however long the queue, a claim the sweeper took over is given up
// without writing a file, and a full queue lets a generation finish without copies.
const CRON_SECRET = "cron-secret-for-copies-queue-tests";

export function copiesQueueSuite(db: DbKind) {
  describe(`sized copies waiting their turn on ${db}`, () => {
    let app: TestApp;
    let queue: typeof import("../../../src/lib/generations/variant-queue").variantQueue;
    beforeAll(async () => {
      app = await startTestApp({ db, env: { CRON_SECRET, RECONCILE_AFTER_SECONDS: "1", RECONCILE_INTERVAL_SECONDS: "1" } });
      queue = (await import("../../../src/lib/generations/variant-queue")).variantQueue;
    });
    afterAll(async () => {
      await app?.close();
    });

    const filesOf = (id: string) => {
      const dir = path.join(app.dataDir, "files", "generations", id);
      return existsSync(dir) ? readdirSync(dir).sort() : [];
    };
    /** Holds the after-response queue (where the copies wait) until the returned function is called. */
    const holdQueue = () => {
      let open = () => {};
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      runAfterResponse("held by the test", () => gate);
      return open;
    };
    /** A generation saved by its webhook, its copies queued behind the held queue. */
    const succeededWithCopiesQueued = async (prompt: string) => {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", { prompt });
      expect((await browser.waitFor(body.id)).status).toBe("succeeded");
      return { browser, id: body.id as string };
    };
    const leaseLeft = async (id: string) =>
      Number(
        (
          await dbRows<{ s: number }>(
            sql`select extract(epoch from outputs_claimed_until - now())::float8 as s from generations where id = ${id}`,
          )
        )[0]?.s,
      );

    it("copies queued longer than their lease keep their claim (renewed while they wait) and are made", async () => {
      const open = holdQueue();
      let id = "";
      try {
        ({ id } = await succeededWithCopiesQueued("copies behind a long queue"));
        expect((await generationRow(id)).outputsClaim).toMatch(/^copies:/);
        expect(filesOf(id)).toEqual(["0.png"]);
        // As after most of the lease spent waiting: two seconds left (not run out, so this app's
        // own sweeper, every second here, cannot take it meanwhile).
        await dbRows(sql`update generations set outputs_claimed_until = now() + interval '2 seconds' where id = ${id}`);
        expect(await queue.renewWaiting()).toBe(1);
        expect(await leaseLeft(id)).toBeGreaterThan(100);
        await runReconciler(app, CRON_SECRET);
        expect((await generationRow(id)).outputsClaim).toMatch(/^copies:/);
      } finally {
        open();
      }
      await vi.waitFor(async () => {
        expect(filesOf(id)).toEqual(outputFiles(0));
        expect(await generationRow(id)).toMatchObject({ outputsClaim: null });
      }, COPIES_MADE);
      expect(queue.heldBytes).toBe(0);
    });

    it("a queued claim the sweeper took over (its process stopped renewing): the copies are not made, no file is left", async () => {
      const open = holdQueue();
      let id = "";
      let browser: Awaited<ReturnType<typeof succeededWithCopiesQueued>>["browser"];
      try {
        ({ id, browser } = await succeededWithCopiesQueued("copies whose claim ran out"));
        await dbRows(sql`update generations set outputs_claimed_until = now() - interval '1 second' where id = ${id}`);
        await runReconciler(app, CRON_SECRET);
        // Swept (nothing to delete) and released.
        await vi.waitFor(async () => expect(await generationRow(id)).toMatchObject({ outputsClaim: null }), COPIES_MADE);
      } finally {
        open();
      }
      await afterResponseSettled();
      expect(filesOf(id)).toEqual(["0.png"]);
      expect((await generationRow(id)).outputsClaim).toBeNull();
      const view = (await browser.get(id)).body;
      expect(view.outputs[0]?.variants).toEqual([]);
      expect((await browser.request(view.outputs[0]?.url as string)).status).toBe(200);
      expect(queue.heldBytes).toBe(0);
    });

    it("with the queue's room for originals taken, a generation succeeds without copies and keeps no claim", async () => {
      const filler = queue.reserve("room taken by the test", queue.freeBytes);
      expect(filler).not.toBeNull();
      let id = "";
      let browser: Awaited<ReturnType<typeof succeededWithCopiesQueued>>["browser"];
      try {
        ({ id, browser } = await succeededWithCopiesQueued("copies with no room"));
        // Committed without keeping the claim for copies.
        expect(await generationRow(id)).toMatchObject({ status: "succeeded", outputsClaim: null });
      } finally {
        filler?.cancel();
      }
      await afterResponseSettled();
      expect(filesOf(id)).toEqual(["0.png"]);
      const view = (await browser.get(id)).body;
      expect(view.outputs[0]?.variants).toEqual([]);
      expect((await browser.request(view.outputs[0]?.url as string)).status).toBe(200);
      expect(queue.heldBytes).toBe(0);
    });
  });
}
