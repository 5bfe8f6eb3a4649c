import { SEED_COMMON_WORD, SEED_RARE_WORD } from "../helpers/seed-generations";
import { signedHeaders } from "../helpers/webhooks";
import type { BenchOwner } from "./fixtures";
import { expectStatuses, type LoadRequest, type LoadResult, runLoad, sequentialLatency } from "./load";
import { type CpuSample, cpuSample } from "./process-cpu";

// One function per group of figures, each against a running app. Every run checks its answers
// (a benchmark of 404s would be worthless) and warms the path up before it is measured.

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

export async function signInAdmin(appUrl: string, password: string): Promise<string> {
  const res = await fetch(`${appUrl}/api/admin/session`, {
    method: "POST",
    headers: { origin: appUrl, "content-type": "application/json" },
    body: JSON.stringify({ password }),
  });
  const cookie = res.headers.getSetCookie()[0]?.split(";")[0];
  if (res.status !== 200 || !cookie) throw new Error(`admin sign-in: HTTP ${res.status}`);
  return cookie;
}

export type Latency = { n: number; p50: number; p90: number };
export type ListLatencies = Record<string, { small: Latency; big: Latency }>;
export type AppUnderTest = { url: string; admin: string };

/**
 * One client at a time, as a person paging the console does: each list and the summary on the
 * small and the big database, taking turns request by request, so both see the same machine.
 */
export async function listLatencies(small: AppUnderTest, big: AppUnderTest, owner: BenchOwner): Promise<ListLatencies> {
  const paths: [string, string, "admin" | "owner"][] = [
    ["admin list", "/api/admin/generations?limit=50", "admin"],
    ["admin search (rare word)", `/api/admin/generations?limit=50&q=${SEED_RARE_WORD}`, "admin"],
    ["admin search (common word)", `/api/admin/generations?limit=50&q=${SEED_COMMON_WORD}`, "admin"],
    ["admin list, failed only", "/api/admin/generations?limit=50&status=failed", "admin"],
    ["owner list", "/api/generations?limit=24", "owner"],
    ["admin summary", "/api/admin/summary", "admin"],
  ];
  const out: ListLatencies = {};
  for (const [name, path, who] of paths) {
    const target = (app: AppUnderTest) => ({
      url: `${app.url}${path}`,
      init: { headers: { cookie: who === "admin" ? app.admin : owner.cookie } },
    });
    const both = await sequentialLatency([target(small), target(big)], { seconds: 2 * SECONDS });
    for (const s of both) if (s.status !== 200) throw new Error(`${name}: HTTP ${s.status}`);
    out[name] = { small: both[0] as Latency, big: both[1] as Latency };
  }
  return out;
}

/** The apps take the client address from this header (TRUSTED_PROXY_HEADER), so creates come from many clients. */
export const BENCH_ADDRESS_HEADER = "x-bench-client-address";
/** Distinct addresses the creates cycle through: each stays within the default per-address limits. */
const CREATE_ADDRESSES = 4_000;

const createBody = JSON.stringify({ model: "sdxl-lightning", input: { prompt: "bench create [fail] [drop-webhooks]" } });
let nextAddress = 0;
const createRequest = (url: string, o: BenchOwner) => {
  const n = nextAddress++ % CREATE_ADDRESSES;
  return {
    method: "POST",
    path: "/api/generations",
    headers: {
      cookie: o.cookie,
      origin: url,
      "content-type": "application/json",
      [BENCH_ADDRESS_HEADER]: `10.77.${n >> 8}.${n & 255}`,
    },
    body: createBody,
  };
};

/** One create per owner, each awaited: a warm-up, and a wait until the app's queue has drained. */
async function createOneEach(url: string, owners: BenchOwner[]) {
  for (const o of owners) {
    const { path, ...init } = createRequest(url, o);
    const res = await fetch(`${url}${path}`, init);
    if (res.status !== 201) throw new Error(`create: HTTP ${res.status} ${await res.text()}`);
  }
}

const createLoad = (url: string, owners: BenchOwner[], seconds: number) =>
  runLoad({
    url,
    connections: 10,
    seconds,
    requests: Array.from({ length: CREATE_ADDRESSES }, (_, i) => createRequest(url, owners[i % owners.length] as BenchOwner)),
  });

/**
 * Creates at 10 connections from several owners (the emulator fails them quietly, so no webhook
 * or download competes), on each app in turn (reversed every other round), BENCH_ROUNDS times;
 * each keeps its best round.
 * First one unmeasured second on each: the busy day's app and its control serve no request
 * before this stage, and their first round otherwise paid for cold code and database pages.
 */
export async function createRates(apps: Record<string, string>, owners: BenchOwner[]): Promise<Record<string, LoadResult>> {
  const best: Record<string, LoadResult> = {};
  for (const url of Object.values(apps)) {
    await createLoad(url, owners, 1);
    await createOneEach(url, owners.slice(0, 3));
  }
  for (let round = 0; round < ROUNDS; round++) {
    // Every other round in reverse: no app always runs right after the same one.
    const order = round % 2 === 0 ? Object.entries(apps) : Object.entries(apps).reverse();
    for (const [name, url] of order) {
      const result = await createLoad(url, owners, SECONDS);
      // None answered within the run is a measurement (creates that slow), not a failure.
      if (result.requests > 0) expectStatuses(`creates on ${name}`, result, [201]);
      const previous = best[name];
      if (!previous || result.rate > previous.rate) best[name] = result;
      // Requests the load generator abandoned at its end are still running: let them finish.
      await createOneEach(url, owners.slice(0, 1));
    }
  }
  return best;
}

type Target = { id: string; prediction_id: string };

function signedDeliveries(targets: Target[], prediction: Record<string, unknown>, secret: string, count: number): LoadRequest[] {
  return Array.from({ length: count }, (_, i) => {
    const target = targets[i % targets.length] as Target;
    const body = JSON.stringify({ ...prediction, id: target.prediction_id });
    return {
      method: "POST",
      path: `/api/webhooks/replicate?generation=${target.id}`,
      headers: signedHeaders(secret, body),
      body,
    };
  });
}

/**
 * Webhook ingest at 20 concurrent deliveries, stale replays (a new delivery of a completed event
 * for a generation already finished: verified, deduped, answered) against fresh completed events
 * (one per running target: verify, download the image, store it, commit). After a warm-up of
 * each (the first tenth of the fresh targets, unmeasured), BENCH_ROUNDS rounds take turns: stale
 * for SECONDS, then that round's share of the fresh targets, then a wait until their sized copies
 * are made (`drain`, copies.ts), so they never slow the next stale run. Each keeps its best round,
 * as the poll figures do: the machine's noise only ever slows a run, and taking turns spreads it
 * over both alike (so a p99 is its best round's). CPU per delivery (app and PostgreSQL,
 * process-cpu.ts) counts every round; a fresh delivery's runs until its sized copies are recorded,
 * so it includes them, and the bench's own list polls while it waits for them (copies.ts).
 */
export async function webhookIngest(
  app: { url: string; pid: number | undefined },
  targets: { stale: Target[]; fresh: Target[] },
  prediction: Record<string, unknown>,
  secret: string,
  drain: () => Promise<Copies>,
) {
  const connections = 20;
  const perRound = 2_000 * SECONDS;
  // Each delivery once: no run replays another's (those would be duplicates, not stale replays).
  const stale = signedDeliveries(targets.stale, prediction, secret, 6_000 + perRound * ROUNDS);
  await runLoad({ url: app.url, connections: 10, seconds: 1, requests: stale.splice(0, 6_000) });
  const fresh = signedDeliveries(targets.fresh, prediction, secret, targets.fresh.length);
  const freshWarmUp = fresh.splice(0, Math.floor(fresh.length / 10));
  if (freshWarmUp.length > 0) {
    expectStatuses(
      "fresh webhooks (warm-up)",
      await runLoad({ url: app.url, connections, amount: freshWarmUp.length, requests: freshWarmUp }),
      [200],
    );
    await drain();
  }
  const freshPerRound = Math.floor(fresh.length / ROUNDS);
  if (ROUNDS < 1 || freshPerRound < 1) throw new Error(`webhook ingest: ${fresh.length} fresh targets for ${ROUNDS} rounds`);
  const best: { stale?: LoadResult; fresh?: LoadResult } = {};
  const rates: { stale: number[]; fresh: number[] } = { stale: [], fresh: [] };
  const cpu = { stale: { ...NO_CPU }, fresh: { ...NO_CPU } };
  let copies: Copies = { outputs: 0, drainMs: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    let before = cpuSample(app.pid);
    const staleRun = expectStatuses(
      "stale webhooks",
      await runLoad({
        url: app.url,
        connections,
        seconds: SECONDS,
        requests: stale.slice(round * perRound, (round + 1) * perRound),
      }),
      [200],
    );
    addCpu(cpu.stale, before, cpuSample(app.pid), staleRun.requests);
    before = cpuSample(app.pid);
    // The last round takes the remainder too.
    const batch = fresh.slice(round * freshPerRound, round === ROUNDS - 1 ? undefined : (round + 1) * freshPerRound);
    const freshRun = expectStatuses(
      "fresh webhooks",
      await runLoad({ url: app.url, connections, amount: batch.length, requests: batch }),
      [200],
    );
    copies = { outputs: batch.length, drainMs: (await drain()).drainMs };
    addCpu(cpu.fresh, before, cpuSample(app.pid), freshRun.requests);
    rates.stale.push(staleRun.rate);
    rates.fresh.push(freshRun.rate);
    if (!best.stale || staleRun.rate > best.stale.rate) best.stale = staleRun;
    if (!best.fresh || freshRun.rate > best.fresh.rate) best.fresh = freshRun;
  }
  if (!best.stale || !best.fresh) throw new Error("webhook ingest: no round ran");
  return {
    stale: { ...best.stale, rates: rates.stale },
    fresh: { ...best.fresh, rates: rates.fresh },
    cpuPerDelivery: { stale: perDelivery(cpu.stale), fresh: perDelivery(cpu.fresh) },
    copies,
  };
}

type Copies = { outputs: number; drainMs: number };
type CpuTotal = CpuSample & { requests: number };
const NO_CPU: CpuTotal = { app: 0, postgres: 0, requests: 0 };

/** Adds a run's CPU; without /proc (null samples) nothing is added, and the figure is null. */
function addCpu(total: CpuTotal, before: CpuSample | null, after: CpuSample | null, requests: number) {
  if (!before || !after) return;
  total.app += after.app - before.app;
  total.postgres += after.postgres - before.postgres;
  total.requests += requests;
}

const perDelivery = (t: CpuTotal) =>
  t.requests > 0
    ? {
        app: Math.round((t.app / t.requests) * 100) / 100,
        postgres: Math.round((t.postgres / t.requests) * 100) / 100,
      }
    : null;
