import http from "node:http";
import type { AddressInfo } from "node:net";

// A pass-through in front of the emulator, for what the emulator itself cannot play: Replicate
// answering every GET of a prediction with a 503 for a while, or being replaced by another
// Replicate (an emulator restarted with a new webhook secret). It counts every request it sees.

export type ReplicateProxy = {
  url: string;
  /** Where requests go now (an emulator's base URL). */
  target: string;
  /** While true, GET /v1/predictions/:id answers a 503 problem instead of passing through. */
  failGets: boolean;
  requests: { method: string; path: string; status: number }[];
  close: () => Promise<void>;
};

export async function startReplicateProxy(target: string): Promise<ReplicateProxy> {
  const proxy: ReplicateProxy = {
    url: "",
    target,
    failGets: false,
    requests: [],
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    if (proxy.failGets && req.method === "GET" && /^\/v1\/predictions\/[^/?]+$/.test(path)) {
      proxy.requests.push({ method: "GET", path, status: 503 });
      res.writeHead(503, { "content-type": "application/problem+json" });
      res.end(JSON.stringify({ detail: "Service unavailable", status: 503 }));
      return;
    }
    const upstream = http.request(
      new URL(path, proxy.target),
      { method: req.method, headers: { ...req.headers, host: new URL(proxy.target).host } },
      (answer) => {
        proxy.requests.push({ method: req.method ?? "GET", path, status: answer.statusCode ?? 0 });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
