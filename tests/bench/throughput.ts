import type { BenchOwner } from "./fixtures";
import { expectStatuses, type LoadRequest, type LoadResult, runLoad } from "./load";
import { ROUNDS, SECONDS } from "./measure";

// Request rates at 100 connections: the baselines (a bare Node 304, a static file, a constant
// route handler, the catalogue route) and the status polls, run in turn, BENCH_ROUNDS times. Each
// keeps its best round: other work on a shared machine only ever slows a run down, and taking
// turns spreads it over all of them alike. Each measured run follows a second of the same load,
// unmeasured: the server then collects the garbage the previous target left (the catalogue's and
// the 200 polls' bodies) on that second's time, not on the next target's.

const CONNECTIONS = 100;

type Run = { name: string; url: string; requests: LoadRequest[]; allowed: number[] };
export type Best = LoadResult & { rates: number[] };

async function interleaved(runs: Run[]): Promise<Record<string, Best>> {
  for (const run of runs) await runLoad({ url: run.url, connections: 10, seconds: 1, requests: run.requests }); // warm-up
  const best: Record<string, Best> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const run of runs) {
      await runLoad({ url: run.url, connections: CONNECTIONS, seconds: 1, requests: run.requests });
      const result = expectStatuses(
        run.name,
        await runLoad({ url: run.url, connections: CONNECTIONS, seconds: SECONDS, requests: run.requests }),
        run.allowed,
      );
      const previous = best[run.name];
      const rates = [...(previous?.rates ?? []), result.rate];
      best[run.name] = !previous || result.rate > previous.rate ? { ...result, rates } : { ...previous, rates };
    }
  }
  return best;
}

/**
 * Poll requests for an owner's generations: with their current ETags (304), with an outdated
 * one (200: what a page gets after the generation moved) and with none (a page's first poll).
 */
async function pollRequests(appUrl: string, owner: BenchOwner, ids: string[]) {
  const headers = { cookie: owner.cookie };
  const current: LoadRequest[] = [];
  for (const id of ids) {
    const res = await fetch(`${appUrl}/api/generations/${id}`, { headers });
    if (res.status !== 200) throw new Error(`poll fixture ${id}: HTTP ${res.status}`);
    await res.arrayBuffer();
    current.push({ path: `/api/generations/${id}`, headers: { ...headers, "if-none-match": res.headers.get("etag") ?? "" } });
  }
  const outdated = ids.map((id) => ({ path: `/api/generations/${id}`, headers: { ...headers, "if-none-match": 'W/"1.old"' } }));
  const untagged = ids.map((id) => ({ path: `/api/generations/${id}`, headers }));
  return { current, outdated, untagged };
}

export async function pollsAndBaselines(appUrl: string, bareUrl: string, owner: BenchOwner, ids: string[]) {
  const polls = await pollRequests(appUrl, owner, ids);
  const r = await interleaved([
    { name: "bare 304", url: bareUrl, requests: [{ path: "/" }], allowed: [304] },
    { name: "static file", url: appUrl, requests: [{ path: "/favicon.svg" }], allowed: [200] },
    { name: "constant route", url: appUrl, requests: [{ path: "/api/health" }], allowed: [200] },
    { name: "models route", url: appUrl, requests: [{ path: "/api/models" }], allowed: [200] },
    { name: "304 polls", url: appUrl, requests: polls.current, allowed: [304] },
    { name: "200 polls (outdated tag)", url: appUrl, requests: polls.outdated, allowed: [200] },
    { name: "200 polls (no tag)", url: appUrl, requests: polls.untagged, allowed: [200] },
  ]);
  const get = (name: string) => r[name] as Best;
  return {
    baselines: {
      bare304: get("bare 304"),
      staticFile: get("static file"),
      constantRoute: get("constant route"),
      modelsRoute: get("models route"),
    },
    polls: { notModified: get("304 polls"), ok: get("200 polls (outdated tag)"), untagged: get("200 polls (no tag)") },
  };
}

/** At a larger table: the constant route and the 304 polls again (a poll is one primary-key read). */
export async function pollsAgain(appUrl: string, owner: BenchOwner, ids: string[]) {
  const polls = await pollRequests(appUrl, owner, ids);
  const r = await interleaved([
    { name: "constant route", url: appUrl, requests: [{ path: "/api/health" }], allowed: [200] },
    { name: "304 polls", url: appUrl, requests: polls.current, allowed: [304] },
  ]);
  return { constantRoute: r["constant route"] as Best, notModified: r["304 polls"] as Best };
}
