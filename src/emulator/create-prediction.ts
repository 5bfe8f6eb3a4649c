import { nowMs } from "./clock";
import type { EmulatorContext } from "./context";
import { parseCreateBody, preferWaitSeconds } from "./create-request";
import { problems, sendProblem } from "./errors";
import { isPlainObject, readBody, sendJson } from "./http-utils";
import { newPredictionId } from "./ids";
import { loseAnswer } from "./lost-answer";
import type { ModelVersion } from "./models";
import { createFaultOf, lostAnswerOf, predictionFaultsOf } from "./prediction-faults";
import { isPredictionSettled, type PredictionRecord } from "./prediction-store";
import type { RequestContext } from "./router";

// POST /v1/predictions and POST /v1/models/{owner}/{name}/predictions. `routeModel` is set on the
// model route (official models only); otherwise the model comes from the body's `version`.

export async function createPrediction(
  app: EmulatorContext,
  { req, res, logEntry }: RequestContext,
  routeModel: ModelVersion | null,
): Promise<void> {
  const arrivedAt = nowMs();
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return sendProblem(res, problems.badRequest("The request body is not valid JSON."));
  }
  // Rate limits and outages hit before validation, so create faults are checked first.
  const input = isPlainObject(body) ? body.input : undefined;
  const prompt = isPlainObject(input) && typeof input.prompt === "string" ? input.prompt : "";
  const active = app.faults.resolve(prompt);
  const createFault = createFaultOf(active);
  if (createFault?.kind === "create-429") {
    const retryAfter = createFault.retryAfter;
    return sendProblem(res, problems.throttled(retryAfter), { "Retry-After": String(retryAfter) });
  }
  if (createFault?.kind === "create-500") return sendProblem(res, problems.internal());
  if (createFault?.kind === "create-reset" && !createFault.created) {
    req.socket.destroy(); // the connection drops before the API did anything
    return;
  }

  const parsed = parseCreateBody(body, routeModel === null);
  if (!parsed.ok) return sendProblem(res, problems.validationFailed(parsed.fields));
  const model = routeModel ?? app.models.resolveVersionRef(parsed.body.version ?? "");
  if (!model) return sendProblem(res, problems.invalidVersion());
  const validated = model.validateInput(parsed.body.input);
  if (!validated.ok) return sendProblem(res, problems.validationFailed(validated.fields));

  const { values } = validated;
  const record: PredictionRecord = {
    id: newPredictionId(),
    seq: app.store.nextSeq(),
    model,
    version: model.versionId,
    input: parsed.body.input as Record<string, unknown>,
    values,
    seed: model.behaviour.pickSeed(values),
    inputImages: {},
    status: "starting",
    logs: "",
    output: null,
    error: null,
    createdAt: nowMs(),
    startedAt: null,
    completedAt: null,
    webhook: parsed.body.webhook,
    webhookEvents: parsed.body.events,
    faults: predictionFaultsOf(active),
    cancelCalls: 0,
    startAnnounced: false,
  };
  app.store.add(record);
  app.runner.start(record);
  if (logEntry) logEntry.predictionId = record.id;

  if (createFault?.kind === "create-reset") {
    req.socket.destroy(); // created, but the caller never learns the id
    return;
  }
  const lost = lostAnswerOf(active);
  if (lost) return loseAnswer(app, req, res, record, lost, arrivedAt);
  const waitSeconds = preferWaitSeconds([req.headers.prefer ?? ""].flat().join(","));
  if (waitSeconds !== null) {
    const ready = (r: PredictionRecord) => r.output !== null || isPredictionSettled(r.status);
    await app.store.waitUntil(record, ready, waitSeconds * 1000);
    if (!app.store.get(record.id)) return void req.socket.destroy(); // forgotten meanwhile: as in a restart
  }
  sendJson(res, 201, app.store.toJson(record));
}
