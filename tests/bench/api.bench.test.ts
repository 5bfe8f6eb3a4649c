import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app";

// npm run bench: latency and throughput of the paths a user waits on, printed and written to
// bench-results/api.json. Figures only: no timing is asserted.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    timeScale: 0.05,
    env: { MAX_RUNNING_PER_OWNER: "1000", MAX_DAILY_PER_OWNER: "100000", DAILY_BUDGET_USD: "100000" },
  });
});
afterAll(async () => {
  await app?.close();
});

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 100) / 100;
  return { n: samples.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

it("api benchmark", { timeout: 600_000 }, async () => {
  const browser = app.client();
  await browser.request("/api/generations");

  const createMs: number[] = [];
  const toSucceededMs: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    const [{ body }, ms] = await timed(() => browser.create("sdxl-lightning", { prompt: `bench ${i}`, width: 512, height: 512 }));
    createMs.push(ms);
    ids.push(body.id);
    await browser.waitFor(body.id);
    toSucceededMs.push(performance.now() - started);
  }

  // A page's poll of a finished generation: a 304 once the ETag is known.
  const id = ids[0] as string;
  const first = await browser.request(`/api/generations/${id}`);
  const etag = first.headers.get("etag") ?? "";
  const pollMs: number[] = [];
  let notModified = 0;
  const pollStart = performance.now();
  for (let i = 0; i < ROUNDS * 5; i++) {
    const [res, ms] = await timed(() => browser.request(`/api/generations/${id}`, { headers: { "if-none-match": etag } }));
    if (res.status === 304) notModified++;
    pollMs.push(ms);
  }
  const pollSeconds = (performance.now() - pollStart) / 1000;

  const listMs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) listMs.push((await timed(() => browser.request("/api/generations?limit=24")))[1]);

  const results = {
    at: new Date().toISOString(),
    rounds: ROUNDS,
    database: "pglite",
    emulatorTimeScale: 0.05,
    createMs: stats(createMs),
    createToSucceededMs: stats(toSucceededMs),
    statusPoll304Ms: stats(pollMs),
    statusPollsPerSecond: Math.round((ROUNDS * 5) / pollSeconds),
    notModifiedShare: notModified / (ROUNDS * 5),
    list24Ms: stats(listMs),
  };
  mkdirSync("bench-results", { recursive: true });
  writeFileSync("bench-results/api.json", `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nBENCHMARK (sequential, one client, 2-core machine)\n${JSON.stringify(results, null, 2)}`);
});
