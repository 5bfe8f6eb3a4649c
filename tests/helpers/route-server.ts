import { readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";

// Serves the app's real route handlers (src/app/api/**/route.ts) over real HTTP, mapping
// Next's file-system routes ([id], [...key]) to patterns. Lighter than `next start` for the
// many integration tests; the browser tests use the real Next server. Like the real stack it
// runs the proxy (src/proxy.ts) first, decodes path parameters as Next does (an undecodable one
// is Next's plain-text 500, so a gap in the proxy shows), and passes the socket's address the
// way scripts/server.mjs does (src/lib/auth/client-address.ts).

type RouteModule = Record<string, unknown>;
type Route = { pattern: RegExp; names: string[]; catchAll: Set<string>; file: string; module?: RouteModule };

const appDir = path.resolve(import.meta.dirname, "../../src/app");

function discover(dir: string, segments: string[] = []): Route[] {
  const routes: Route[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) routes.push(...discover(path.join(dir, entry.name), [...segments, entry.name]));
    else if (entry.name === "route.ts") {
      const names: string[] = [];
      const catchAll = new Set<string>();
      const source = segments
        .map((s) => {
          const rest = /^\[\.\.\.(\w+)\]$/.exec(s);
          if (rest?.[1]) {
            names.push(rest[1]);
            catchAll.add(rest[1]);
            return "(.+)";
          }
          const one = /^\[(\w+)\]$/.exec(s);
          if (one?.[1]) {
            names.push(one[1]);
            return "([^/]+)";
          }
          return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        })
        .join("/");
      routes.push({ pattern: new RegExp(`^/${source}/?$`), names, catchAll, file: path.join(dir, entry.name) });
    }
  }
  // Static segments win over dynamic ones, as in Next.
  return routes.sort((a, b) => a.names.length - b.names.length);
}

export type RouteServer = { url: string; close: () => Promise<void> };

type Proxy = (request: NextRequest) => Promise<Response>;

export async function startRouteServer(): Promise<RouteServer> {
  const routes = discover(path.join(appDir, "api")).map((r) => ({
    ...r,
    pattern: new RegExp(`^/api${r.pattern.source.slice(1)}`),
  }));
  const { proxy } = (await import("../../src/proxy")) as { proxy: Proxy };
  const { SOCKET_HEADER, SOCKET_MARK } = await import("../../src/lib/auth/client-address");
  (globalThis as Record<symbol, unknown>)[SOCKET_MARK] = true;
  const server = http.createServer(async (req, res) => {
    try {
      req.headers[SOCKET_HEADER] = req.socket.remoteAddress ?? "";
      // Taken before anything is awaited: a client that gives up meanwhile (the emulator's
      // webhook timeout, under load) then errors the stream instead of making it unusable.
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const body = hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined;
      const base = `http://${req.headers.host}`;
      const url = new URL(req.url ?? "/", base);
      const proxied = await proxy(new NextRequest(url, { method: req.method, headers: req.headers as Record<string, string> }));
      if (!proxied.headers.has("x-middleware-next")) {
        res.writeHead(proxied.status, Object.fromEntries(proxied.headers));
        return void res.end(Buffer.from(await proxied.arrayBuffer()));
      }
      const route = routes.find((r) => r.pattern.test(url.pathname));
      if (!route) return void res.writeHead(404).end();
      route.module ??= (await import(route.file)) as RouteModule;
      const handler = route.module[req.method ?? "GET"];
      if (typeof handler !== "function") return void res.writeHead(405).end();
      const match = route.pattern.exec(url.pathname) ?? [];
      const params = Object.fromEntries(
        route.names.map((name, i) => {
          const value = decodeURIComponent(match[i + 1] ?? "");
          return [name, route.catchAll.has(name) ? value.split("/") : value];
        }),
      );
      const request = new Request(url, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        ...(body ? { body, duplex: "half" } : {}),
      } as RequestInit);
      const response = (await handler(request, { params: Promise.resolve(params) })) as Response;
      const headers: Record<string, string | string[]> = Object.fromEntries(response.headers);
      // A header the proxy sets wins over the route's own, as in Next.
      for (const [name, value] of proxied.headers) if (!name.startsWith("x-middleware-")) headers[name] = value;
      const cookies = [...proxied.headers.getSetCookie(), ...response.headers.getSetCookie()];
      if (cookies.length) headers["set-cookie"] = cookies;
      res.writeHead(response.status, headers);
      if (response.body) Readable.fromWeb(response.body as never).pipe(res);
      else res.end();
    } catch (error) {
      console.error("[route-server]", error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
