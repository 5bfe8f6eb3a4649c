import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "../../../src/lib/db/index";
import { settleGenerationUsage } from "../../../src/lib/db/usage-queries";
import { settleUsage } from "../../../src/lib/generations/usage";
import { findModel } from "../../../src/lib/replicate/models";
import { dbRows, generationRow } from "../../helpers/db-inspect";
import { addFault, emulatorPredictionsMatching } from "../../helpers/emulator-control";
import { startHeldGeneration } from "../../helpers/generation-fixtures";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";
import type { TestClient } from "../../helpers/test-client";
import { withinOneUtcDay } from "../../helpers/utc-day";

// Nothing billed twice and quotas held under concurrency, on one database kind. On real
// PostgreSQL transactions overlap, so these fail when the per-owner lock is removed (PGlite runs
// transactions one after another and cannot tell).
const ADMIN_PASSWORD = "admin-password-for-cost-tests";

export function costSafetySuite(db: DbKind) {
  describe(`cost safety on ${db}`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ db, env: { MAX_RUNNING_PER_OWNER: "3", ADMIN_PASSWORD } });
    });
    afterAll(async () => {
      await app?.close();
    });

    const ownerList = async (browser: TestClient) =>
      ((await (await browser.request("/api/generations")).json()) as { generations: { id: string; status: string }[] })
        .generations;

    it("20 concurrent POSTs with one key → one generation, one Replicate create, every answer 200/201", async () => {
      const browser = app.client();
      await browser.request("/api/generations"); // get the owner cookie first, as a page load does
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          browser.create("sdxl-lightning", { prompt: "double click" }, { idempotencyKey: "key-double-click-1" }),
        ),
      );
      expect(answers.map((a) => a.res.status).sort()).toEqual([...Array(19).fill(200), 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(await emulatorPredictionsMatching(app, "double click")).toHaveLength(1);
    });

    it("20 concurrent POSTs from one owner with a running limit of 3 → exactly 3 accepted, the rest 429", async () => {
      const browser = app.client();
      await browser.request("/api/generations");
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => browser.create("sdxl-lightning", { prompt: `burst ${i} [cold-start:100]` })),
      );
      expect(answers.filter((a) => a.res.status === 201)).toHaveLength(3);
      const refused = answers.filter((a) => a.res.status === 429);
      expect(refused).toHaveLength(17);
      expect(refused[0]?.res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(refused[0]?.body.error?.message).toMatch(/limit is 3/);
      expect(await emulatorPredictionsMatching(app, "burst")).toHaveLength(3);
      for (const a of answers.filter((x) => x.res.status === 201)) {
        await browser.request(`/api/generations/${a.body.id}/cancel`, { method: "POST" });
      }
    });

    it("a generation that ends releases its own reservation only: the others' stay counted against the budget", async () => {
      const browser = app.client();
      await browser.request("/api/generations");
      const reservedToday = async () =>
        Number(
          (
            await dbRows<{ usd: number }>(
              sql`select reserved_usd as usd from usage_days where day = (now() at time zone 'utc')::date`,
            )
          )[0]?.usd ?? 0,
        );
      // Whatever earlier tests left in flight ends first.
      await vi.waitFor(async () => expect(await reservedToday()).toBeCloseTo(0, 9), { timeout: 20_000 });
      const a = await browser.create("sdxl-lightning", { prompt: "reserved a [cold-start:100]" });
      const b = await browser.create("sdxl-lightning", { prompt: "reserved b [cold-start:100]" });
      const reservationOf = async (id: string) => Number((await generationRow(id)).usageReservedUsd);
      const each = await reservationOf(b.body.id);
      expect(each).toBeGreaterThan(0);
      expect(await reservedToday()).toBeCloseTo((await reservationOf(a.body.id)) + each, 9);
      await browser.request(`/api/generations/${a.body.id}/cancel`, { method: "POST" });
      expect((await browser.waitFor(a.body.id)).status).toBe("canceled");
      // a's settlement took a's reservation off the day, and only a's.
      expect(await reservedToday()).toBeCloseTo(each, 9);
      await browser.request(`/api/generations/${b.body.id}/cancel`, { method: "POST" });
      expect((await browser.waitFor(b.body.id)).status).toBe("canceled");
      expect(await reservedToday()).toBeCloseTo(0, 9);
    });

    it("settling an ended generation charges its real cost once, with a fresh or a reused plan; later calls change nothing", async () => {
      await withinOneUtcDay(async () => {
        // Prices of our own, so the per-output part counts too (the catalogue's SDXL has none).
        const perSecond = 0.001;
        const perOutput = 0.01;
        const prices = [{ modelKey: "sdxl-lightning", perSecondUsd: perSecond, perOutputUsd: perOutput }];
        const today = async () => {
          const [row] = await dbRows<{
            reserved: number;
            spent: number;
            seconds: number;
            outputs: number;
            cost: number;
            owners: number;
          }>(sql`
            select d.reserved_usd as reserved, d.spent_usd as spent, m.predict_seconds as seconds, m.outputs,
              m.cost_usd as cost,
              (select coalesce(sum(generations), 0) from usage_owner_days o where o.day = d.day) as owners
            from usage_days d join usage_model_days m on m.day = d.day and m.model_key = 'sdxl-lightning'
            where d.day = (now() at time zone 'utc')::date`);
          return {
            reserved: Number(row?.reserved),
            spent: Number(row?.spent),
            seconds: Number(row?.seconds),
            outputs: Number(row?.outputs),
            cost: Number(row?.cost),
            owners: Number(row?.owners),
          };
        };
        for (let i = 0; i < 8; i++) {
          const { id } = await startHeldGeneration(app.client(), `settled once ${i}`);
          const reservation = Number((await generationRow(id)).usageReservedUsd);
          const failed = i === 6;
          // The last one's model has no price in the list: it costs nothing.
          const priced = i === 7 ? [] : prices;
          const outputs = failed ? 0 : i % 3;
          const before = await today();
          // Ended and settled in one transaction, so the reconciler cannot settle it in between.
          const settled = await (await getDb()).transaction(async (tx) => {
            // Both ways PostgreSQL runs the function's statement: planned for these values, or a reused generic plan.
            await tx.execute(sql.raw(`set local plan_cache_mode = ${i % 2 === 0 ? "force_custom_plan" : "force_generic_plan"}`));
            await tx.execute(
              sql`update generations set status = ${failed ? "failed" : "succeeded"}, predict_time = ${i + 2}, completed_at = now() where id = ${id}`,
            );
            for (let o = 0; o < outputs; o++) {
              await tx.execute(sql`insert into generation_outputs (generation_id, index, storage_key, url, content_type, bytes)
                values (${id}, ${o}, ${`generations/${id}/${o}.png`}, ${`/api/files/generations/${id}/${o}.png`}, 'image/png', 1)`);
            }
            return [await settleGenerationUsage(tx, id, priced), await settleGenerationUsage(tx, id, priced)];
          });
          expect(settled).toEqual([true, false]);
          const after = await today();
          const cost = i === 7 ? 0 : (i + 2) * perSecond + outputs * perOutput;
          expect(after.reserved).toBeCloseTo(before.reserved - reservation, 9);
          expect(after.spent).toBeCloseTo(before.spent + cost, 9);
          expect(after.cost).toBeCloseTo(before.cost + cost, 9);
          expect(after.seconds).toBeCloseTo(before.seconds + i + 2, 9);
          expect(after.outputs).toBe(before.outputs + outputs);
          // A failed generation stops counting against its owner's daily number; a success keeps counting.
          expect(after.owners).toBe(before.owners - (failed ? 1 : 0));
          expect(await settleUsage(await getDb(), id)).toBe(false);
          expect(await today()).toEqual(after);
        }
      });
    });

    it("ten settlements of one ended generation at once charge it once", async () => {
      const { id } = await startHeldGeneration(app.client(), "settled by ten at once");
      const spent = async () =>
        Number(
          (
            await dbRows<{ usd: number }>(
              sql`select spent_usd as usd from usage_days where day = (now() at time zone 'utc')::date`,
            )
          )[0]?.usd,
        );
      const prices = [{ modelKey: "sdxl-lightning", perSecondUsd: 0.001, perOutputUsd: 0 }];
      const before = await spent();
      const db = await getDb();
      await db.execute(sql`update generations set status = 'succeeded', predict_time = 5, completed_at = now() where id = ${id}`);
      // On PostgreSQL these overlap: only the row lock taken first keeps a second one from settling
      // too. (The reconciler may settle it first, at catalogue prices: then none of these does.)
      const settled = await Promise.all(Array.from({ length: 10 }, () => settleGenerationUsage(db, id, prices)));
      expect(settled.filter(Boolean).length).toBeLessThanOrEqual(1);
      const once = settled.some(Boolean) ? 5 * 0.001 : 5 * (findModel("sdxl-lightning")?.pricing.perSecondUsd ?? Number.NaN);
      expect(await spent()).toBeCloseTo(before + once, 9);
    });

    it("a create Replicate refused (429) frees its idempotency key and leaves no card; admins still see it", async () => {
      const browser = app.client();
      await addFault(app, { match: "refused then retried", fault: "create-429", retry_after: 12, limit: 1 });
      const key = { idempotencyKey: "key-refused-then-retried" };
      const first = await browser.create("sdxl-lightning", { prompt: "refused then retried" }, key);
      expect(first.res.status).toBe(429);
      expect(first.res.headers.get("retry-after")).toBe("12");
      expect(await emulatorPredictionsMatching(app, "refused then retried")).toEqual([]);

      // As Retry-After invites: the same request again starts a new generation.
      const retry = await browser.create("sdxl-lightning", { prompt: "refused then retried" }, key);
      expect(retry.res.status).toBe(201);
      expect((await browser.waitFor(retry.body.id)).status).toBe("succeeded");
      expect((await ownerList(browser)).map((g) => g.id)).toEqual([retry.body.id]);

      const admin = app.client();
      expect((await admin.request("/api/admin/session", { json: { password: ADMIN_PASSWORD } })).status).toBe(200);
      const all = (await (await admin.request("/api/admin/generations?q=refused%20then%20retried")).json()) as {
        generations: { id: string; status: string; error: string | null }[];
      };
      expect(all.generations.map((g) => g.status).sort()).toEqual(["failed", "succeeded"]);
      const refused = all.generations.find((g) => g.status === "failed");
      expect(refused?.error).toMatch(/busy/);
      expect((await browser.get(refused?.id as string)).status).toBe(404);
    });

    it("a create whose answer may have been lost keeps its key and its card", async () => {
      const browser = app.client();
      const key = { idempotencyKey: "key-reset-before-answer" };
      const first = await browser.create("sdxl-lightning", { prompt: "reset before answer [create-reset]" }, key);
      expect(first.res.status).toBe(502);
      expect(first.body.error?.message).toMatch(/Lost contact with Replicate/);
      const retry = await browser.create("sdxl-lightning", { prompt: "reset before answer [create-reset]" }, key);
      expect(retry.res.status).toBe(200);
      expect(retry.body).toMatchObject({ status: "failed", error: expect.stringMatching(/Lost contact/) });
      expect((await ownerList(browser)).map((g) => g.id)).toEqual([retry.body.id]);
      expect((await generationRow(retry.body.id)).idempotencyKey).toBe("key-reset-before-answer");
    });

    it("Replicate 500 → 502 with a message a person understands; nothing started, no card", async () => {
      const browser = app.client();
      const { res, body } = await browser.create("sdxl-lightning", { prompt: "broken upstream [create-500]" });
      expect(res.status).toBe(502);
      expect(body.error?.message).toMatch(/Replicate is having trouble/);
      expect(await emulatorPredictionsMatching(app, "broken upstream")).toEqual([]);
      expect(await ownerList(browser)).toEqual([]);
    });
  });
}
