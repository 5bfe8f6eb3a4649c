// `npm start` (and, with --dev, `npm run dev`): Next in a plain Node HTTP server, so the app can
// know each client's real address. Route handlers cannot see the socket, and `next start` copies
// the socket address into x-forwarded-for only when the client sent none, so a client could
// choose its own. Here every request's x-studio-socket-address is replaced by the TCP peer's
// address before Next sees it, and the process is marked so src/lib/auth/client-address.ts
// trusts that header (a bare `next start` lacks the mark: its clients share one address).
//
//   node scripts/server.mjs [--dev] [-p PORT] [-H HOSTNAME]
// PORT (env) also sets the port (default 3000); without -H it listens on every interface, as
// `next start` does.
import http from "node:http";

const SOCKET_HEADER = "x-studio-socket-address";
const SOCKET_MARK = Symbol.for("replicate-image-studio.socket-address-header");

const args = process.argv.slice(2);
const option = (short, long) => {
  const i = args.findIndex((a) => a === short || a === long);
  return i >= 0 ? args[i + 1] : undefined;
};
const dev = args.includes("--dev");
const port = Number(option("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = option("-H", "--hostname");
// Next and instrumentation.ts (the admin banner) read the port from here; like the next CLI,
// the mode sets NODE_ENV unless it is set, before Next (and React) load.
process.env.PORT = String(port);
process.env.NODE_ENV ??= dev ? "development" : "production";
const { default: next } = await import("next");

globalThis[SOCKET_MARK] = true;

const server = http.createServer();
const app = next({ dev, hostname: hostname ?? "localhost", port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();

server.on("request", (req, res) => {
  // Whatever the client sent under this name is dropped; only the socket speaks here.
  req.headers[SOCKET_HEADER] = req.socket.remoteAddress ?? "";
  handle(req, res);
});
const ready = () => console.log(`▲ Ready on http://${hostname ?? "localhost"}:${port}${dev ? " (dev)" : ""}`);
if (hostname) server.listen(port, hostname, ready);
else server.listen(port, ready);

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  server.close(() => app.close().finally(() => process.exit(0)));
  // Idle keep-alive connections would hold close() open.
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
