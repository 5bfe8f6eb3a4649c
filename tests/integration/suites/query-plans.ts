import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  countActiveGenerations,
  countFailuresSince,
  listActiveGenerationIds,
  listAllGenerations,
} from "../../../src/lib/db/admin-queries";
import { searchAllGenerations } from "../../../src/lib/db/admin-search-queries";
import { listOwnerGenerations } from "../../../src/lib/db/owner-list-queries";
import { getGenerationVersion, getGenerationWithOutputs } from "../../../src/lib/db/poll-queries";
import type { Executor } from "../../../src/lib/db/types";
import { countRunning, recentCreatesForAddress, usageToday } from "../../../src/lib/db/usage-queries";
import { type CapturingDb, describePlan, openCapturingDb, type PlanNode, planNodes } from "../../helpers/plan-capture";
import {
  bulkSeedGenerations,
  SEED_COMMON_WORD,
  SEED_RARE_MODEL,
  SEED_RARE_WORD,
  startOfUtcToday,
} from "../../helpers/seed-generations";
import { testDatabaseUrl } from "../../helpers/test-app";

// Every list, search and summary query, EXPLAINed exactly as the app sends it, on a seeded and
// ANALYZEd table: each must use the index meant for it and never read `generations` (or its
// outputs) front to back, so it stays flat as the table grows. No planner settings are changed:
// 20k rows are enough for a sequential scan to lose on cost where an index serves.

const ROWS = 20_000;
const HOUR = 3_600_000;

/** `fenced`: the matches planned apart (OFFSET 0), so no estimate can fold them into the page's ORDER BY … LIMIT. */
type Expectation = { index: readonly string[]; sorted?: "by index"; fenced?: true };

export function queryPlanSuite(kind: "pglite" | "pg") {
  let cap: CapturingDb;
  let ownerId: string;
  let lightOwnerId: string;
  let cursor: { createdAt: string; id: string };
  let generationId: string;

  beforeAll(async () => {
    cap = await openCapturingDb(kind, { template: inject("pgliteTemplate"), serverUrl: testDatabaseUrl() });
    const now = new Date();
    // A year of history; one owner who generates a lot (their list must not sort their history).
    await bulkSeedGenerations(cap.runner, { rows: ROWS, batch: "plans" });
    await bulkSeedGenerations(cap.runner, { rows: 1_500, batch: "heavy", owners: 1 });
    const sinceMidnight = (now.getTime() - startOfUtcToday(now).getTime()) / (24 * HOUR);
    await bulkSeedGenerations(cap.runner, { rows: 60, batch: "today", endsAt: now, days: sinceMidnight, owners: 10 });
    // What a live system has beside its history: a few running, a few recent failures.
    await cap.runner.exec(`
      update generations set status = 'processing', completed_at = null, predict_time = null
        where id in (select id from generations order by created_at desc limit 5);
      update generations set status = 'failed', error = 'failed recently', completed_at = now() - interval '10 minutes'
        where id in (select id from generations where status = 'succeeded' order by created_at desc offset 5 limit 3);
      -- and a few generations their owners deleted, spread over the history (about 1 in 500)
      update generations set deleted_at = created_at + interval '1 hour' where abs(hashtext(id)) % 500 = 0;
      analyze generations;`);
    const [row] = await cap.runner.rows<{ owner_id: string; id: string; at: string }>(
      `select owner_id, id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
       from generations where owner_id = (select owner_id from generations group by 1 order by count(*) desc limit 1)
       order by created_at desc offset 10 limit 1`,
    );
    const [light] = await cap.runner.rows<{ owner_id: string }>(
      "select owner_id from generations group by 1 order by count(*), owner_id limit 1",
    );
    if (!row || !light) throw new Error("seed produced no rows");
    lightOwnerId = light.owner_id;
    ownerId = row.owner_id;
    generationId = row.id;
    cursor = { createdAt: row.at, id: row.id };
  }, 120_000);
  afterAll(async () => {
    await cap?.close();
  });

  async function expectPlans(run: (db: Executor) => Promise<unknown>, ...expected: Expectation[]) {
    const plans = await cap.plansOf(run);
    expect(plans).toHaveLength(expected.length);
    plans.forEach(({ sql, plan }, i) => {
      const want = expected[i] as Expectation;
      const nodes = planNodes(plan);
      const shown = `${sql}\n${describePlan(plan)}`;
      const seqScans = nodes.filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"]?.startsWith("generation"));
      expect(seqScans, `sequential scan in\n${shown}`).toEqual([]);
      const used = nodes.map((n) => n["Index Name"]).filter(Boolean);
      expect(
        want.index.some((name) => used.includes(name)),
        `expected ${want.index.join(" or ")} in\n${shown}`,
      ).toBe(true);
      if (want.fenced) {
        // In the statement itself: PostgreSQL drops the subquery's own scan node from the plan
        // once planned, so the plan shows only the index it chose.
        expect(sql, "the matches should be fenced by OFFSET 0").toMatch(/ offset 0\) "matches"/);
      }
      if (want.sorted === "by index") {
        expect(
          nodes.some((n: PlanNode) => n["Node Type"].includes("Sort")),
          `the index should give the order, but\n${shown}`,
        ).toBe(false);
      }
    });
  }

  const outputsByPk = { index: ["generation_outputs_generation_id_index_pk"] };
  const list =
    (filters: Parameters<typeof listAllGenerations>[1]["filters"], withCursor = false) =>
    (db: Executor) =>
      listAllGenerations(db, { filters, cursor: withCursor ? cursor : null, limit: 50 });

  describe(`query plans on ${kind}`, () => {
    it("the owner's list reads their index in order, first page and later ones", async () => {
      const own = { index: ["generations_owner_recent"], sorted: "by index" } as const;
      await expectPlans((db) => listOwnerGenerations(db, { ownerId, cursor: null, limit: 24 }), own, outputsByPk);
      await expectPlans((db) => listOwnerGenerations(db, { ownerId, cursor, limit: 24 }), own, outputsByPk);
    });

    it("the owner's filtered lists (search, model, status, hide failed) stay on an index", async () => {
      const own = (filters: Parameters<typeof listOwnerGenerations>[1]["filters"]) => (db: Executor) =>
        listOwnerGenerations(db, { ownerId, cursor: null, limit: 24, filters });
      const ownIndex = { index: ["generations_owner_recent"] };
      await expectPlans(own({ model: "sdxl-lightning", hideFailed: true }), ownIndex, outputsByPk);
      await expectPlans(own({ status: "succeeded" }), ownIndex, outputsByPk);
      // A word in many prompts: the owner's own index, or the trigram one, never a scan.
      await expectPlans(
        own({ q: SEED_COMMON_WORD }),
        { index: ["generations_owner_recent", "generations_prompt_trgm"] },
        outputsByPk,
      );
    });

    it("the admin list reads generations_recent in order, first page and later ones", async () => {
      const recent = { index: ["generations_recent"], sorted: "by index" } as const;
      await expectPlans(list({}), recent);
      await expectPlans(list({}, true), recent);
      await expectPlans(list({ from: new Date(Date.now() - 3 * 24 * HOUR), to: new Date(Date.now() - 24 * HOUR) }), recent);
    });

    it("each admin filter has an index", async () => {
      await expectPlans(list({ status: "failed" }), { index: ["generations_status_recent"], sorted: "by index" });
      await expectPlans(list({ status: "active" }), { index: ["generations_status_recent", "generations_stale_active"] });
      await expectPlans(list({ model: SEED_RARE_MODEL }), { index: ["generations_model_recent"], sorted: "by index" });
      // Deleted by owner: the deleted rows from their own partial index (so few here that sorting
      // them beats reading them in order; with many, the index gives the order); hidden, the newest others.
      await expectPlans(list({ deleted: "only" }), { index: ["generations_deleted_recent"] });
      await expectPlans(list({ deleted: "hide" }), { index: ["generations_recent"], sorted: "by index" });
      // An owner prefix that few rows match (one that matches many is served well by walking
      // generations_recent until a page is full, and the planner may rightly choose that). Under
      // the C collation (PGlite) the narrower unique index on owner_id serves the range as well.
      await expectPlans(list({ owner: lightOwnerId.slice(0, 12) }), {
        index: ["generations_owner_recent", "generations_owner_idempotency_key"],
      });
    });

    it("prompt search walks a bounded window of the newest rows, then uses the trigram index", async () => {
      const search =
        (filters: Parameters<typeof listAllGenerations>[1]["filters"], withCursor = false) =>
        (db: Executor) =>
          searchAllGenerations(db, { filters, cursor: withCursor ? cursor : null, limit: 50 });
      const window = { index: ["generations_recent"] };
      // Fenced: with the matches folded into the page's ORDER BY … LIMIT, an ANALYZE sample that
      // overestimated a rare word walked the newest rows instead (96 ms against 1.4 ms at 100k rows).
      const trigram = { index: ["generations_prompt_trgm"], fenced: true } as const;
      // A rare word: the window does not fill a page, so the trigram index finds the rest.
      await expectPlans(search({ q: SEED_RARE_WORD }), window, trigram);
      await expectPlans(search({ q: SEED_RARE_WORD, status: "succeeded" }), window, trigram);
      await expectPlans(search({ q: SEED_RARE_WORD }, true), window, trigram);
      // A common word fills a page from the window alone.
      await expectPlans(search({ q: SEED_COMMON_WORD }), window);
    });

    it("the summary reads only what is running, the usage record and the last hour's failures", async () => {
      await expectPlans(countActiveGenerations, { index: ["generations_stale_active", "generations_status_recent"] });
      await expectPlans((db) => countFailuresSince(db, new Date(Date.now() - HOUR)), { index: ["generations_failed_recent"] });
      // Today's figures come from the per-day usage record: generations is not read at all.
      const usagePlans = await cap.plansOf((db) => usageToday(db));
      expect(usagePlans).toHaveLength(2);
      for (const { sql, plan } of usagePlans) {
        const read = planNodes(plan).filter((n) => n["Relation Name"]?.startsWith("generation"));
        expect(read, `generations read in\n${sql}\n${describePlan(plan)}`).toEqual([]);
      }
      await expectPlans((db) => listActiveGenerationIds(db, 100), {
        index: ["generations_stale_active", "generations_status_recent"],
      });
    });

    it("a create's limit checks read only running rows and the address's last minute", async () => {
      await expectPlans((db) => countRunning(db, { ownerId, clientKey: "k".repeat(22) }), {
        index: ["generations_stale_active", "generations_status_recent"],
      });
      await expectPlans((db) => recentCreatesForAddress(db, "k".repeat(22), 20), { index: ["generations_client_recent"] });
    });

    it("a status poll reads one generation by its primary key", async () => {
      const pk = { index: ["generations_pkey"] };
      await expectPlans((db) => getGenerationVersion(db, { id: generationId, ownerId }), pk);
      await expectPlans((db) => getGenerationWithOutputs(db, { id: generationId, ownerId: null }), pk);
    });
  });
}
