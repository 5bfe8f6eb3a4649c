import type { EmulatorContext } from "./context";
import { problems, sendProblem } from "./errors";
import { activityOf, forgetAllPredictions, forgetPrediction } from "./forget";
import { readBody, sendJson } from "./http-utils";
import { type Route, route } from "./router";

// /_emulator/*: health, the request, webhook and file logs, fault rules, forgetting predictions
// and what is still going on. No auth: local tooling only.

export function controlRoutes(app: EmulatorContext): Route[] {
  return [
    route("GET", "/_emulator/health", ({ res }) => sendJson(res, 200, { ok: true })),

    route("GET", "/_emulator/requests", ({ res }) => {
      sendJson(res, 200, { requests: app.requestLog.list() });
    }),
    route("DELETE", "/_emulator/requests", ({ res }) => {
      app.requestLog.clear();
      sendJson(res, 200, { ok: true });
    }),

    route("GET", "/_emulator/webhooks", ({ res }) => {
      sendJson(res, 200, { deliveries: app.sender.deliveries.list() });
    }),
    route("DELETE", "/_emulator/webhooks", ({ res }) => {
      app.sender.deliveries.clear();
      sendJson(res, 200, { ok: true });
    }),

    route("GET", "/_emulator/files", ({ res }) => {
      sendJson(res, 200, { downloads: app.files.downloads.log.list() });
    }),
    route("DELETE", "/_emulator/files", ({ res }) => {
      app.files.downloads.log.clear();
      sendJson(res, 200, { ok: true });
    }),

    route("DELETE", "/_emulator/predictions", ({ res }) => {
      const ids = forgetAllPredictions(app);
      sendJson(res, 200, { forgotten: ids.length, ids });
    }),
    route("DELETE", "/_emulator/predictions/:id", ({ res, params }) => {
      if (!forgetPrediction(app, params.id ?? "")) return sendProblem(res, problems.notFound());
      sendJson(res, 200, { forgotten: 1, ids: [params.id] });
    }),

    route("GET", "/_emulator/activity", ({ res, url }) => {
      sendJson(res, 200, activityOf(app, url.searchParams.get("prediction") ?? undefined));
    }),

    route("GET", "/_emulator/faults", ({ res }) => sendJson(res, 200, { faults: app.faults.list() })),
    route("POST", "/_emulator/faults", async ({ req, res }) => {
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return sendProblem(res, problems.badRequest("The request body is not valid JSON."));
      }
      const rule = app.faults.add(body);
      if ("error" in rule) return sendProblem(res, problems.badRequest(rule.error));
      sendJson(res, 201, rule);
    }),
    route("DELETE", "/_emulator/faults", ({ res }) => {
      app.faults.clear();
      sendJson(res, 200, { ok: true });
    }),
  ];
}
