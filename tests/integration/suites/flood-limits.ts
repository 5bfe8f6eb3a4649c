import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dbRows } from "../../helpers/db-inspect";
import { emulatorPredictionsMatching, eventually } from "../../helpers/emulator-control";
import { type SecondInstance, startSecondInstance } from "../../helpers/second-instance";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";
import { TestClient } from "../../helpers/test-client";

// Spending limits against cookie-less and distributed clients (issue "Nothing gets in, nothing
// gets spent"): every request is a new browser (no cookie, so a fresh owner each time), and the
// address comes from the trusted proxy header. On PostgreSQL two app instances (two processes,
// two connection pools) share the database and the requests alternate between them; PGlite is
// one process's database, so there one instance serves them all.

const ADDRESS_HEADER = "x-test-client-address";
const MAX_RUNNING_PER_ADDRESS = 6;
const MAX_RUNNING_GLOBAL = 10;
const DAILY_BUDGET_USD = 0.02;
const FLUX_IMAGE_USD = 0.003; // flux-schnell's catalogue price per image: one generation's estimate

type Answer = { client: TestClient; status: number; id?: string; limit?: string; retryAfter: string | null };

export function floodLimitsSuite(db: DbKind, instances: 1 | 2) {
  describe(`flood limits on ${db} with ${instances} app instance(s)`, () => {
    let app: TestApp;
    let second: SecondInstance | undefined;
    const env = {
      TRUSTED_PROXY_HEADER: ADDRESS_HEADER,
      MAX_RUNNING_PER_ADDRESS: String(MAX_RUNNING_PER_ADDRESS),
      MAX_RUNNING_GLOBAL: String(MAX_RUNNING_GLOBAL),
      DAILY_BUDGET_USD: String(DAILY_BUDGET_USD),
      MAX_RUNNING_PER_OWNER: "3",
    };
    beforeAll(async () => {
      app = await startTestApp({ db, env });
      if (instances === 2) second = await startSecondInstance();
    }, 120_000);
    afterAll(async () => {
      await second?.close();
      await app?.close();
    });
    // Each test starts with nothing running, whatever the one before left.
    const toCancel: Answer[] = [];
    afterEach(async () => {
      await cancelAll(toCancel.splice(0));
    }, 120_000);

    /** n concurrent creates, each from a new cookie-less browser, alternating between instances. */
    async function flood(n: number, address: (i: number) => string, body: (i: number) => Record<string, unknown>) {
      return Promise.all(
        Array.from({ length: n }, async (_, i): Promise<Answer> => {
          const base = second && i % 2 === 1 ? second.url : app.url;
          const client = new TestClient(base);
          const res = await client.request("/api/generations", { json: body(i), headers: { [ADDRESS_HEADER]: address(i) } });
          const json = (await res.json()) as { id?: string; limit?: string };
          const answer = {
            client,
            status: res.status,
            id: json.id,
            limit: json.limit,
            retryAfter: res.headers.get("retry-after"),
          };
          if (answer.status === 201) toCancel.push(answer);
          return answer;
        }),
      );
    }

    /**
     * The answers as status counts (printed), checked: at most `max` accepted, every refusal a 429
     * naming `limit` with a Retry-After. A 503 (the database busy past its connect timeout, on
     * an overloaded machine) is a refusal too: nothing was written for it.
     */
    function judge(what: string, answers: Answer[], max: number, limit: string) {
      const counts: Record<number, number> = {};
      for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
      console.log(`[flood] ${what}: ${JSON.stringify(counts)}`);
      const accepted = answers.filter((a) => a.status === 201);
      const refused = answers.filter((a) => a.status === 429);
      expect(accepted.length).toBeLessThanOrEqual(max);
      expect(accepted.length).toBeGreaterThan(0);
      expect(answers.every((a) => [201, 429, 503].includes(a.status))).toBe(true);
      expect(refused.length).toBeGreaterThan(0);
      expect(new Set(refused.map((a) => a.limit))).toEqual(new Set([limit]));
      expect(refused.every((a) => /^\d+$/.test(a.retryAfter ?? ""))).toBe(true);
      // With every request answered by the database, the limit is met exactly.
      if (!counts[503]) expect(accepted).toHaveLength(max);
      return accepted;
    }

    async function cancelAll(answers: Answer[]) {
      for (const a of answers.filter((x) => x.status === 201)) {
        await a.client.request(`/api/generations/${a.id}/cancel`, { method: "POST" });
        await a.client.waitFor(a.id as string, ["canceled", "failed", "succeeded"], 60_000);
      }
    }

    it(`50 concurrent cookie-less creates from one address → ${MAX_RUNNING_PER_ADDRESS} accepted, the rest 429 naming the limit`, async () => {
      const answers = await flood(
        50,
        () => "203.0.113.7",
        (i) => ({ model: "sdxl-lightning", input: { prompt: `one address ${i} [cold-start:3600]` } }),
      );
      const accepted = judge("one address", answers, MAX_RUNNING_PER_ADDRESS, "MAX_RUNNING_PER_ADDRESS");
      expect(await emulatorPredictionsMatching(app, "one address")).toHaveLength(accepted.length);
    }, 90_000);

    it(`50 concurrent cookie-less creates from 50 addresses → ${MAX_RUNNING_GLOBAL} accepted (MAX_RUNNING_GLOBAL)`, async () => {
      const answers = await flood(
        50,
        (i) => `198.51.100.${i + 1}`,
        (i) => ({ model: "sdxl-lightning", input: { prompt: `many addresses ${i} [cold-start:3600]` } }),
      );
      const accepted = judge("50 addresses", answers, MAX_RUNNING_GLOBAL, "MAX_RUNNING_GLOBAL");
      expect(await emulatorPredictionsMatching(app, "many addresses")).toHaveLength(accepted.length);
    }, 90_000);

    it("the day's spend never passes DAILY_BUDGET_USD by more than one generation's estimate", async () => {
      const answers = await flood(
        50,
        (i) => `192.0.2.${i + 1}`,
        (i) => ({ model: "flux-schnell", input: { prompt: `budget ${i}`, megapixels: "0.25" } }),
      );
      // Each accepted generation ends first. One that never started (its create failed on an
      // overloaded machine) spent nothing: its reservation went back to the budget, so a later
      // create may take its place. Every one that started counts against the budget.
      const ended = await Promise.all(
        answers.filter((a) => a.status === 201).map((a) => a.client.waitFor(a.id as string, undefined, 60_000)),
      );
      const neverStarted = ended.filter((g) => g.status === "failed" && g.predictTime === null);
      for (const g of neverStarted) console.log(`[flood] budget: ${g.id} never started: ${g.error}`);
      const max = Math.ceil(DAILY_BUDGET_USD / FLUX_IMAGE_USD);
      judge("budget", answers, max + neverStarted.length, "DAILY_BUDGET_USD");
      expect(ended.filter((g) => g.status === "succeeded")).toHaveLength(ended.length - neverStarted.length);

      // Every reservation settled, to what the rows themselves say was spent (catalogue prices).
      // A poll can see a success as soon as it commits; its usage is settled by the statement
      // after (commit-event.ts), so the last settlement may land just after the last poll.
      const day = await eventually(
        async () => {
          const [today] = await dbRows<{ reserved_usd: number; spent_usd: number }>(
            sql`select reserved_usd, spent_usd from usage_days where day = (now() at time zone 'utc')::date`,
          );
          return today && Math.abs(Number(today.reserved_usd)) < 1e-9 ? today : null;
        },
        15_000,
        "every reservation settled",
      );
      const [rows] = await dbRows<{ images: number }>(
        sql`select count(*)::int as images from generation_outputs o join generations g on g.id = o.generation_id
            where g.model_key = 'flux-schnell'`,
      );
      expect(Number(day?.spent_usd)).toBeCloseTo((rows?.images ?? 0) * FLUX_IMAGE_USD, 9);
      expect(Number(day?.spent_usd)).toBeLessThanOrEqual(DAILY_BUDGET_USD + FLUX_IMAGE_USD);
    }, 90_000);
  });
}
