import { fork } from "node:child_process";
import path from "node:path";

// Load from a second process (autocannon in load-worker.ts) and latency from a single sequential
// client. Rates are requests per second over the run's wall time; latencies in milliseconds.

export type LoadRequest = { method?: string; path: string; headers?: Record<string, string>; body?: string };
export type LoadOptions = {
  url: string;
  connections: number;
  /** Run for this long (default), or until `amount` requests were answered. */
  seconds?: number;
  amount?: number;
  /** Dealt in turn, one per request, wrapping around. */
  requests: LoadRequest[];
};
export type LoadResult = {
  requests: number;
  seconds: number;
  rate: number;
  /** autocannon's latency percentiles (whole milliseconds). */
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
};

/** Throws unless every answer had one of the `allowed` statuses: a benchmark of errors is worthless. */
export function expectStatuses(what: string, result: LoadResult, allowed: number[]): LoadResult {
  const wrong = Object.entries(result.statuses).filter(([code]) => !allowed.includes(Number(code)));
  if (wrong.length > 0 || result.errors > 0 || result.requests === 0) {
    throw new Error(`${what}: expected only ${allowed.join("/")}, got ${JSON.stringify(result)}`);
  }
  return result;
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, "load-worker.ts"), { execArgv: ["--import", "tsx"] });
    let answer: LoadResult | undefined;
    child.once("message", (message) => {
      answer = message as LoadResult;
    });
    child.once("error", reject);
    child.once("exit", (code) => (answer ? resolve(answer) : reject(new Error(`load worker exited ${code} without a result`))));
    child.send(options);
  });
}

type Target = { url: string; init: RequestInit };

/**
 * One request at a time (keep-alive), to each target in turn, for `seconds` (at least `min` and
 * at most `max` rounds, after 5 rounds of warm-up): p50/p90 per target, in milliseconds.
 */
export async function sequentialLatency(
  targets: Target[],
  { seconds = 2, max = 400, min = 20 }: { seconds?: number; max?: number; min?: number } = {},
): Promise<{ n: number; p50: number; p90: number; status: number }[]> {
  const samples: number[][] = targets.map(() => []);
  const status: number[] = targets.map(() => 0);
  const once = async (i: number) => {
    const { url, init } = targets[i] as Target;
    const start = performance.now();
    const res = await fetch(url, init);
    await res.arrayBuffer();
    status[i] = res.status;
    return performance.now() - start;
  };
  for (let warm = 0; warm < 5; warm++) for (let i = 0; i < targets.length; i++) await once(i);
  const deadline = performance.now() + seconds * 1000;
  for (let round = 0; round < max && (round < min || performance.now() < deadline); round++) {
    for (let i = 0; i < targets.length; i++) samples[i]?.push(await once(i));
  }
  return samples.map((s, i) => {
    s.sort((a, b) => a - b);
    const at = (q: number) => Math.round((s[Math.floor(q * (s.length - 1))] ?? 0) * 100) / 100;
    return { n: s.length, p50: at(0.5), p90: at(0.9), status: status[i] ?? 0 };
  });
}
