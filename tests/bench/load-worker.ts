import autocannon from "autocannon";
import type { LoadOptions, LoadResult } from "./load";

// The load generator's own process (forked by load.ts), so sending requests never shares an
// event loop with the emulator or the bench's bookkeeping. Requests are dealt in order, one per
// send, across every connection: each can carry its own path, headers and body.

process.once("message", async (options: LoadOptions) => {
  let next = 0;
  let lastAnswer = 0;
  const started = performance.now();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds ?? 10,
    amount: options.amount,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const r = options.requests[next++ % options.requests.length];
          if (!r) throw new Error("no requests to send");
          const method = (r.method ?? "GET") as autocannon.Request["method"];
          return { ...req, method, path: r.path, headers: r.headers ?? {}, body: r.body };
        },
        onResponse: () => {
          lastAnswer = performance.now();
        },
      },
    ],
  });
  // A fixed amount ends at the last answer: autocannon itself only notices on its next
  // one-second tick, which would count up to a second of nothing into the rate.
  const ended = options.amount !== undefined && lastAnswer > 0 ? lastAnswer : performance.now();
  const seconds = (ended - started) / 1000;
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = count ?? 0;
  const answer: LoadResult = {
    requests: result.requests.total,
    seconds: Math.round(seconds * 100) / 100,
    rate: Math.round(result.requests.total / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  process.send?.(answer, () => process.disconnect());
});
