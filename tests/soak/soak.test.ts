import { readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { dbRows } from "../helpers/db-inspect";
import { startTestApp, type TestApp } from "../helpers/test-app";

// N generations from many owners with faults drawn at random, then the invariants: every
// generation terminal, outputs stored exactly once per success, no stored file without a
// generation, at most one prediction per generation, the running quota never exceeded.
// `npm run test:soak` runs 200 (SOAK_N to change); `npm test` runs a small one.
const N = Number(process.env.SOAK_N ?? (process.env.npm_lifecycle_event === "test:soak" ? 200 : 24));
const OWNERS = Math.max(2, Math.ceil(N / 10));
const MAX_RUNNING = 3;

const FAULTS = [
  "",
  "",
  "",
  "",
  "",
  "",
  "[fail]",
  "[nsfw]",
  "[aborted]",
  "[create-429:3]",
  "[create-500]",
  "[create-reset:1]",
  "[drop-webhooks]",
  "[duplicate-webhooks:3]",
  "[delay-webhooks:10]",
  "[out-of-order]",
  "[slow-file:4]",
  "[file-404]",
  "[cold-start:20]",
  "cancel",
];

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    env: {
      MAX_RUNNING_PER_OWNER: String(MAX_RUNNING),
      MAX_DAILY_PER_OWNER: "1000",
      RECONCILE_AFTER_SECONDS: "1",
      RECONCILE_INTERVAL_SECONDS: "1",
      QUEUED_TIMEOUT_SECONDS: "2",
    },
  });
  (await import("../../src/lib/generations/reconcile-timer")).startReconcileTimer();
});
afterAll(async () => {
  await app?.close();
});

async function allPredictions(): Promise<{ id: string; input: { prompt: string } }[]> {
  const out: { id: string; input: { prompt: string } }[] = [];
  let next: string | null = `${app.emulator.url}/v1/predictions`;
  while (next) {
    const page = (await (await fetch(next, { headers: { authorization: "Bearer t" } })).json()) as {
      next: string | null;
      results: typeof out;
    };
    out.push(...page.results);
    next = page.next;
  }
  return out;
}

it(`soak: ${N} generations with random faults`, { timeout: 600_000 }, async () => {
  const injected: Record<string, number> = {};
  const jobs: { tag: string; id?: string; outputs: number }[] = [];
  let maxRunningSeen = 0;
  const sampler = setInterval(async () => {
    const rows = await dbRows<{ n: number }>(
      sql`select coalesce(max(n), 0)::int as n from (select count(*) as n from generations where status in ('queued','starting','processing') group by owner_id) t`,
    );
    maxRunningSeen = Math.max(maxRunningSeen, rows[0]?.n ?? 0);
  }, 50);

  const started = Date.now();
  await Promise.all(
    Array.from({ length: OWNERS }, async (_, owner) => {
      const browser = app.client();
      for (let i = owner; i < N; i += OWNERS) {
        const fault = FAULTS[Math.floor(Math.random() * FAULTS.length)] ?? "";
        const name = fault === "" ? "none" : fault.replace(/^\[|(:\d+)?\]$/g, "");
        injected[name] = (injected[name] ?? 0) + 1;
        const tag = `soak-${i}`;
        const outputs = 1 + (i % 2);
        const job: (typeof jobs)[number] = { tag, outputs };
        jobs.push(job);
        for (;;) {
          const { res, body } = await browser.create("sdxl-lightning", {
            prompt: `${tag} ${fault === "cancel" ? "[cold-start:10]" : fault}`,
            num_outputs: outputs,
          });
          if (res.status === 429 && /already have/.test(body.error?.message ?? "")) {
            await new Promise((r) => setTimeout(r, 100)); // our own running quota: wait for a slot
            continue;
          }
          if (body.id) job.id = body.id;
          if (fault === "cancel" && body.id) await browser.request(`/api/generations/${body.id}/cancel`, { method: "POST" });
          break;
        }
      }
    }),
  );

  // Every generation must settle by itself (webhooks or the reconciler).
  const deadline = Date.now() + 180_000;
  let stuck = Number.POSITIVE_INFINITY;
  while (Date.now() < deadline) {
    const [row] = await dbRows<{ n: number }>(
      sql`select count(*)::int as n from generations where status in ('queued','starting','processing')`,
    );
    stuck = row?.n ?? 0;
    if (stuck === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  clearInterval(sampler);

  const generations = await dbRows<{ id: string; status: string; prompt: string; wanted: number; outputs: number }>(sql`
    select g.id, g.status, g.input->>'prompt' as prompt, (g.input->>'num_outputs')::int as wanted,
      (select count(*)::int from generation_outputs o where o.generation_id = g.id) as outputs
    from generations g`);
  const byStatus: Record<string, number> = {};
  for (const g of generations) byStatus[g.status] = (byStatus[g.status] ?? 0) + 1;

  // Files on disk: exactly the outputs of succeeded generations, nothing else.
  const filesRoot = path.join(app.dataDir, "files", "generations");
  let storedFiles = 0;
  let orphanFiles = 0;
  const byId = new Map(generations.map((g) => [g.id, g]));
  for (const dir of (() => {
    try {
      return readdirSync(filesRoot);
    } catch {
      return [];
    }
  })()) {
    const files = readdirSync(path.join(filesRoot, dir));
    storedFiles += files.length;
    const g = byId.get(dir);
    if (g?.status !== "succeeded" || files.length !== g.outputs) orphanFiles += files.length;
  }
  const successes = generations.filter((g) => g.status === "succeeded");
  const wrongOutputs = successes.filter((g) => g.outputs !== g.wanted).length;
  const outputsOnFailures = generations.filter((g) => g.status !== "succeeded" && g.outputs > 0).length;

  const predictions = await allPredictions();
  const perTag = new Map<string, number>();
  for (const p of predictions) {
    const tag = /soak-\d+/.exec(p.input.prompt)?.[0];
    if (tag) perTag.set(tag, (perTag.get(tag) ?? 0) + 1);
  }
  const duplicatePredictions = [...perTag.values()].filter((n) => n > 1).length;

  const figures = {
    jobs: N,
    owners: OWNERS,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    faultsInjected: injected,
    generations: generations.length,
    terminal: byStatus,
    stuck,
    storedOutputs: storedFiles,
    orphanFiles,
    wrongOutputCounts: wrongOutputs,
    outputsOnFailures,
    predictions: predictions.length,
    duplicatePredictions,
    maxRunningPerOwnerSeen: maxRunningSeen,
  };
  console.log(`\nSOAK RESULTS\n${JSON.stringify(figures, null, 2)}`);

  expect(generations.length).toBe(N);
  expect(stuck).toBe(0);
  expect(orphanFiles).toBe(0);
  expect(wrongOutputs).toBe(0);
  expect(outputsOnFailures).toBe(0);
  expect(storedFiles).toBe(successes.reduce((n, g) => n + g.outputs, 0));
  expect(duplicatePredictions).toBe(0);
  expect(maxRunningSeen).toBeLessThanOrEqual(MAX_RUNNING);
});
