import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { VariantQueue as VariantQueueClass } from "../../../src/lib/generations/variant-queue";
import { afterResponseSettled, runAfterResponse } from "../../../src/lib/runtime/after-response";
import { dbRows, generationRow } from "../../helpers/db-inspect";
import { runReconciler } from "../../helpers/emulator-control";
import { COPIES_MADE, generationDir, outputFiles, storedFiles } from "../../helpers/stored-files";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";

// The sized copies wait their turn behind one another (src/lib/generations/variant-queue.ts):
// their claims stay live however long the queue, a claim the sweeper took over or a deleted
// generation's is given up without encoding or writing a file, and a full queue lets a
// generation finish without copies.
const CRON_SECRET = "cron-secret-for-copies-queue-tests";

export function copiesQueueSuite(db: DbKind) {
  describe(`sized copies waiting their turn on ${db}`, () => {
    let app: TestApp;
    let queue: VariantQueueClass;
    let VariantQueue: typeof VariantQueueClass;
    let variantEncoder: typeof import("../../../src/lib/storage/variant-encoder").variantEncoder;
    beforeAll(async () => {
      app = await startTestApp({ db, env: { CRON_SECRET, RECONCILE_AFTER_SECONDS: "1", RECONCILE_INTERVAL_SECONDS: "1" } });
      ({ variantQueue: queue, VariantQueue } = await import("../../../src/lib/generations/variant-queue"));
      ({ variantEncoder } = await import("../../../src/lib/storage/variant-encoder"));
    });
    afterAll(async () => {
      await app?.close();
    });

    const filesOf = (id: string) => storedFiles(app.dataDir, id);
    /** Until the generation's files are `names` and its claim is released (the copies recorded, or given up). */
    const copiesAt = (id: string, names: string[]) =>
      vi.waitFor(async () => {
        expect(filesOf(id)).toEqual(names);
        expect(await generationRow(id)).toMatchObject({ outputsClaim: null });
      }, COPIES_MADE);
    /** The generation is shown with its original alone: no copies listed, the original served. */
    const expectOriginalOnly = async (browser: ReturnType<TestApp["client"]>, id: string) => {
      const view = (await browser.get(id)).body;
      expect(view.outputs[0]?.variants).toEqual([]);
      expect((await browser.request(view.outputs[0]?.url as string)).status).toBe(200);
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

    it("copies queued longer than their lease keep their claim (the queue's timer renews it) and are made", async () => {
      const { browser, id } = await succeededWithCopiesQueued("copies behind a long queue");
      await copiesAt(id, outputFiles(0));
      const original = readFileSync(path.join(generationDir(app.dataDir, id), "0.png"));
      // Back to "copies pending": none stored or recorded, the claim kept for them with two
      // seconds of lease left, as after most of it spent waiting (not run out, so this app's own
      // sweeper, every second here, cannot take it meanwhile).
      for (const name of filesOf(id)) if (name !== "0.png") rmSync(path.join(generationDir(app.dataDir, id), name));
      await dbRows(sql`update generation_outputs set variants = '[]'::jsonb where generation_id = ${id}`);
      await dbRows(sql`update generations set outputs_claim = 'copies:waiting', outputs_claimed_until = now() + interval '2 seconds'
        where id = ${id}`);
      const own = new VariantQueue({ renewEveryMs: 100 });
      const open = holdQueue();
      try {
        own.reserve(id, original.length)?.start("copies:waiting", [{ index: 0, data: original, width: 1024 }]);
        expect(own.heldBytes).toBe(original.length);
        // Renewed by the timer alone, while the job waits behind the held queue.
        await vi.waitFor(async () => expect(await leaseLeft(id)).toBeGreaterThan(100), COPIES_MADE);
        expect(filesOf(id)).toEqual(["0.png"]);
      } finally {
        open();
      }
      await copiesAt(id, outputFiles(0));
      // Freed once the job returns, a moment after its record commits (which copiesAt saw).
      await vi.waitFor(() => expect(own.heldBytes).toBe(0), COPIES_MADE);
      expect((await browser.get(id)).body.outputs[0]?.variants).toHaveLength(3);
      // Nothing waits: the timer stops.
      await vi.waitFor(() => expect(own.renewingWhileWaiting).toBe(false), COPIES_MADE);
    });

    it("a renewal racing the sweeper's takeover at the moment the lease runs out: one of them wins, never both", async () => {
      const { id } = await succeededWithCopiesQueued("a lease running out under a race");
      await copiesAt(id, outputFiles(0));
      const { getDb } = await import("../../../src/lib/db/index");
      const { claimAbandonedOutputs, renewOutputsClaims } = await import("../../../src/lib/db/output-claim-queries");
      const database = await getDb();
      const outcomes = { renewed: 0, swept: 0, neither: 0 };
      for (let round = 0; round < 40; round++) {
        const token = `copies:race-${round}`;
        // Its lease ends within a few milliseconds either side of the two statements.
        const offsetMs = (round % 10) - 3;
        await dbRows(sql`update generations set outputs_claim = ${token},
          outputs_claimed_until = now() + make_interval(secs => ${offsetMs / 1000}) where id = ${id}`);
        const sweeper = `sweeper-${round}`;
        const [renewed, swept] = await Promise.all([
          renewOutputsClaims(database, [{ id, token }], 120),
          claimAbandonedOutputs(database, { token: sweeper, leaseSeconds: 120, limit: 10 }),
        ]);
        const row = await generationRow(id);
        expect(renewed.includes(id) && swept.includes(id), `round ${round}: both won`).toBe(false);
        if (renewed.includes(id)) expect(row.outputsClaim, `round ${round}`).toBe(token);
        if (swept.includes(id)) expect(row.outputsClaim, `round ${round}`).toBe(sweeper);
        outcomes[renewed.includes(id) ? "renewed" : swept.includes(id) ? "swept" : "neither"]++;
      }
      console.log(`[copies-queue] renewal vs sweeper at the lease's end, 40 rounds on ${db}:`, outcomes);
      await dbRows(sql`update generations set outputs_claim = null, outputs_claimed_until = null where id = ${id}`);
    });

    it("a queued claim the sweeper took over (its process stopped renewing): the copies are not made, no file is left", async () => {
      const encode = vi.spyOn(variantEncoder, "encode");
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
      // Given up before encoding or writing anything.
      expect(encode).not.toHaveBeenCalled();
      encode.mockRestore();
      expect(filesOf(id)).toEqual(["0.png"]);
      expect((await generationRow(id)).outputsClaim).toBeNull();
      await expectOriginalOnly(browser, id);
      expect(queue.heldBytes).toBe(0);
    });

    it("a generation deleted while its copies wait: they are never made, its claim is released, no file is left", async () => {
      const encode = vi.spyOn(variantEncoder, "encode");
      const open = holdQueue();
      let id = "";
      try {
        let browser: Awaited<ReturnType<typeof succeededWithCopiesQueued>>["browser"];
        ({ id, browser } = await succeededWithCopiesQueued("deleted while its copies wait"));
        const deleted = await browser.request(`/api/generations/${id}`, { method: "DELETE" });
        expect(deleted.status).toBeLessThan(300);
        expect(filesOf(id)).toEqual([]);
      } finally {
        open();
      }
      await afterResponseSettled();
      expect(encode).not.toHaveBeenCalled();
      encode.mockRestore();
      expect(filesOf(id)).toEqual([]);
      expect((await generationRow(id)).outputsClaim).toBeNull();
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
      await expectOriginalOnly(browser, id);
      expect(queue.heldBytes).toBe(0);
    });

    it("a copy the storage refuses: the copies written beside it are deleted once every write has ended, none recorded", async () => {
      const { getStorage } = await import("../../../src/lib/storage/index");
      const storage = getStorage();
      const realPut = storage.put.bind(storage);
      let refused = (_: unknown) => {};
      const refusal = new Promise((resolve) => {
        refused = resolve;
      });
      const writes: Promise<unknown>[] = [];
      // The 640 px copy fails first; its siblings are written only after that failure, so a job
      // that gave up at the first failure would delete too early and leave them behind.
      const put = vi.spyOn(storage, "put").mockImplementation((key, body, options) => {
        if (!key.endsWith(".webp")) return realPut(key, body, options);
        const write = key.endsWith("-w640.webp")
          ? Promise.reject(new Error("storage refused the 640 px copy")).finally(() => refused(null))
          : refusal.then(() => realPut(key, body, options));
        writes.push(write);
        return write;
      });
      let id = "";
      let browser: Awaited<ReturnType<typeof succeededWithCopiesQueued>>["browser"];
      try {
        ({ id, browser } = await succeededWithCopiesQueued("a copy the storage refuses"));
        await copiesAt(id, ["0.png"]);
        await afterResponseSettled();
        await Promise.allSettled(writes);
        expect(writes).toHaveLength(3);
      } finally {
        put.mockRestore();
      }
      expect(filesOf(id)).toEqual(["0.png"]);
      expect((await generationRow(id)).outputsClaim).toBeNull();
      await expectOriginalOnly(browser, id);
    });
  });
}
