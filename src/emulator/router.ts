import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestLogEntry } from "./request-log";

// A dozen routes do not need a framework: patterns like `/v1/predictions/:id` become regexes.

export type RequestContext = {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** The request-log entry of a /v1 request, so handlers can attach the prediction id. */
  logEntry: RequestLogEntry | null;
};

export type Handler = (ctx: RequestContext) => Promise<void> | void;

export type Route = { method: string; pattern: RegExp; names: string[]; handler: Handler };

export function route(method: string, path: string, handler: Handler): Route {
  const names: string[] = [];
  const source = path
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(segment.slice(1));
      return "([^/]+)";
    })
    .join("/");
  return { method, pattern: new RegExp(`^${source}/?$`), names, handler };
}

export type RouteMatch =
  | { kind: "found"; handler: Handler; params: Record<string, string> }
  | { kind: "wrong-method" }
  | { kind: "none" };

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  let pathMatched = false;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(pathname);
    if (!match) continue;
    pathMatched = true;
    if (candidate.method !== method) continue;
    const params: Record<string, string> = {};
    candidate.names.forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1] ?? "");
    });
    return { kind: "found", handler: candidate.handler, params };
  }
  return pathMatched ? { kind: "wrong-method" } : { kind: "none" };
}
