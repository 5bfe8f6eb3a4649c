import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbRows } from "../../helpers/db-inspect";
import { emulatorPredictionsMatching } from "../../helpers/emulator-control";
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

    /** n concurrent creates, each from a new cookie-less browser, alternating between instances. */
    async function flood(n: number, address: (i: number) => string, body: (i: number) => Record<string, unknown>) {
      return Promise.all(
        Array.from({ length: n }, async (_, i): Promise<Answer> => {
          const base = second && i % 2 === 1 ? second.url : app.url;
          const client = new TestClient(base);
          const res = await client.request("/api/generations", { json: body(i), headers: { [ADDRESS_HEADER]: address(i) } });
          const json = (await res.json()) as { id?: string; limit?: string };
          return { client, status: res.status, id: json.id, limit: json.limit, retryAfter: res.headers.get("retry-after") };
        }),
      );
    }

    async function cancelAll(answers: Answer[]) {
      for (const a of answers.filter((x) => x.status === 201)) {
        await a.client.request(`/api/generations/${a.id}/cancel`, { method: "POST" });
        await a.client.waitFor(a.id as string, ["canceled", "failed", "succeeded"]);
      }
    }

    it(`50 concurrent cookie-less creates from one address → ${MAX_RUNNING_PER_ADDRESS} accepted, the rest 429 naming the limit`, async () => {
      const answers = await flood(
        50,
        () => "203.0.113.7",
        (i) => ({ model: "sdxl-lightning", input: { prompt: `one address ${i} [cold-start:3600]` } }),
      );
      const accepted = answers.filter((a) => a.status === 201);
      const refused = answers.filter((a) => a.status === 429);
      expect(accepted).toHaveLength(MAX_RUNNING_PER_ADDRESS);
      expect(refused).toHaveLength(50 - MAX_RUNNING_PER_ADDRESS);
      expect(new Set(refused.map((a) => a.limit))).toEqual(new Set(["MAX_RUNNING_PER_ADDRESS"]));
      expect(refused.every((a) => /^\d+$/.test(a.retryAfter ?? ""))).toBe(true);
      expect(await emulatorPredictionsMatching(app, "one address")).toHaveLength(MAX_RUNNING_PER_ADDRESS);
      await cancelAll(answers);
    });

    it(`50 concurrent cookie-less creates from 50 addresses → ${MAX_RUNNING_GLOBAL} accepted (MAX_RUNNING_GLOBAL)`, async () => {
      const answers = await flood(
        50,
        (i) => `198.51.100.${i + 1}`,
        (i) => ({ model: "sdxl-lightning", input: { prompt: `many addresses ${i} [cold-start:3600]` } }),
      );
      const accepted = answers.filter((a) => a.status === 201);
      expect(accepted).toHaveLength(MAX_RUNNING_GLOBAL);
      const refused = answers.filter((a) => a.status === 429);
      expect(refused).toHaveLength(50 - MAX_RUNNING_GLOBAL);
      expect(new Set(refused.map((a) => a.limit))).toEqual(new Set(["MAX_RUNNING_GLOBAL"]));
      expect(await emulatorPredictionsMatching(app, "many addresses")).toHaveLength(MAX_RUNNING_GLOBAL);
      await cancelAll(answers);
    });

    it("the day's spend never passes DAILY_BUDGET_USD by more than one generation's estimate", async () => {
      const answers = await flood(
        50,
        (i) => `192.0.2.${i + 1}`,
        (i) => ({ model: "flux-schnell", input: { prompt: `budget ${i}`, megapixels: "0.25" } }),
      );
      const accepted = answers.filter((a) => a.status === 201);
      const refused = answers.filter((a) => a.status === 429);
      expect(accepted.length + refused.length).toBe(50);
      expect(accepted.length).toBeGreaterThan(0);
      expect(accepted.length).toBeLessThanOrEqual(Math.ceil(DAILY_BUDGET_USD / FLUX_IMAGE_USD));
      expect(new Set(refused.map((a) => a.limit))).toEqual(new Set(["DAILY_BUDGET_USD"]));
      for (const a of accepted) expect((await a.client.waitFor(a.id as string)).status).toBe("succeeded");

      // Every reservation settled, to what the rows themselves say was spent (catalogue prices).
      const [day] = await dbRows<{ reserved_usd: number; spent_usd: number }>(
        sql`select reserved_usd, spent_usd from usage_days where day = (now() at time zone 'utc')::date`,
      );
      const [rows] = await dbRows<{ images: number }>(
        sql`select count(*)::int as images from generation_outputs o join generations g on g.id = o.generation_id
            where g.model_key = 'flux-schnell'`,
      );
      expect(Number(day?.reserved_usd)).toBeCloseTo(0, 9);
      expect(Number(day?.spent_usd)).toBeCloseTo((rows?.images ?? 0) * FLUX_IMAGE_USD, 9);
      expect(Number(day?.spent_usd)).toBeLessThanOrEqual(DAILY_BUDGET_USD + FLUX_IMAGE_USD);
    });
  });
}
