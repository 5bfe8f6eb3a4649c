import type { EmulatorContext } from "./context";
import { createPrediction } from "./create-prediction";
import { problems, sendProblem } from "./errors";
import { sendJson } from "./http-utils";
import { modelJson, versionJson } from "./models";
import { type Route, route } from "./router";

// The Replicate HTTP API under /v1 (auth is checked by the server before these run).

export function apiRoutes(app: EmulatorContext): Route[] {
  const notFound = problems.notFound;
  return [
    route("POST", "/v1/predictions", (ctx) => createPrediction(app, ctx, null)),

    route("GET", "/v1/predictions", ({ res, url }) => {
      const page = app.store.page(url.searchParams.get("cursor"));
      if (!page) return sendProblem(res, problems.badRequest("Invalid cursor."));
      sendJson(res, 200, page);
    }),

    route("GET", "/v1/predictions/:id", ({ res, params, logEntry }) => {
      const record = app.store.get(params.id ?? "");
      if (!record) return sendProblem(res, notFound());
      if (logEntry) logEntry.predictionId = record.id;
      sendJson(res, 200, app.store.toJson(record));
    }),

    route("POST", "/v1/predictions/:id/cancel", ({ res, params, logEntry }) => {
      const record = app.store.get(params.id ?? "");
      if (!record) return sendProblem(res, notFound());
      if (logEntry) logEntry.predictionId = record.id;
      record.cancelCalls += 1;
      // cancel-503: the first N cancel calls fail, and leave the prediction running.
      if (record.cancelCalls <= record.faults.cancelFailures) return sendProblem(res, problems.unavailable());
      app.runner.cancel(record);
      sendJson(res, 200, app.store.toJson(record));
    }),

    // Only official models accept runs by name; community models need a version.
    route("POST", "/v1/models/:owner/:name/predictions", (ctx) => {
      const model = app.models.find(ctx.params.owner ?? "", ctx.params.name ?? "");
      if (!model?.official) return sendProblem(ctx.res, notFound());
      return createPrediction(app, ctx, model);
    }),

    route("GET", "/v1/models/:owner/:name", ({ res, params }) => {
      const model = app.models.find(params.owner ?? "", params.name ?? "");
      if (!model) return sendProblem(res, notFound());
      sendJson(res, 200, modelJson(model));
    }),

    route("GET", "/v1/models/:owner/:name/versions", ({ res, params }) => {
      const model = app.models.find(params.owner ?? "", params.name ?? "");
      if (!model) return sendProblem(res, notFound());
      sendJson(res, 200, { next: null, previous: null, results: [versionJson(model)] });
    }),

    route("GET", "/v1/models/:owner/:name/versions/:id", ({ res, params }) => {
      const model = app.models.find(params.owner ?? "", params.name ?? "");
      if (!model || model.versionId !== params.id) return sendProblem(res, notFound());
      sendJson(res, 200, versionJson(model));
    }),

    route("GET", "/v1/webhooks/default/secret", ({ res }) => {
      sendJson(res, 200, { key: app.webhookSecret });
    }),
  ];
}
