import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { apiRoutes } from "./api-routes";
import { Scheduler } from "./clock";
import type { EmulatorContext } from "./context";
import { controlRoutes } from "./control-routes";
import { problems, sendProblem } from "./errors";
import { FaultRegistry } from "./faults";
import { FileHost } from "./file-host";
import { BodyTooLargeError } from "./http-utils";
import { newWebhookSecret } from "./ids";
import { DEFAULT_INPUT_HOSTS } from "./input-files";
import { HeldAnswers } from "./lost-answer";
import { PredictionRunner } from "./prediction-runner";
import { PredictionStore } from "./prediction-store";
import { RequestLog } from "./request-log";
import { matchRoute, type Route } from "./router";
import { loadModelCatalogue } from "./snapshots";
import { WebhookEmitter } from "./webhook-events";
import { WebhookSender } from "./webhook-sender";

export type EmulatorOptions = {
  port?: number;
  host?: string;
  webhookSecret?: string;
  /** Multiplies every emulated delay (0.05 makes a prediction take ~100-200 ms). */
  timeScale?: number;
  /** Wall-clock lifetime of output files and prediction data; not scaled by timeScale. */
  fileTtlSeconds?: number;
  /** Where the model snapshots are read from (default: the repository's catalogue/snapshots). */
  snapshotsDir?: string;
  /** Hosts file inputs may be downloaded from (default: loopback, replicate.delivery, Vercel Blob). */
  inputHosts?: readonly string[];
};

export type Emulator = { url: string; port: number; webhookSecret: string; close(): Promise<void> };

const AUTH_HEADER = /^(?:Bearer|Token)\s+\S+/i;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4010, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const webhookSecret = options.webhookSecret ?? newWebhookSecret();
  const ttlMs = (options.fileTtlSeconds ?? 3600) * 1000;

  const scheduler = new Scheduler(options.timeScale ?? 1);
  const store = new PredictionStore(url, scheduler, ttlMs);
  const sender = new WebhookSender(webhookSecret, scheduler, (id) => store.get(id) !== undefined);
  const files = new FileHost(url, scheduler, ttlMs);
  const webhooks = new WebhookEmitter({
    sender,
    scheduler,
    snapshot: (record) => store.toJson(record),
    onStartAnnounced: (record) => store.changed(record),
  });
  const inputHosts = options.inputHosts ?? DEFAULT_INPUT_HOSTS;
  const runner = new PredictionRunner({ scheduler, store, files, webhooks, inputHosts });
  const faults = new FaultRegistry();
  const requestLog = new RequestLog();
  const app: EmulatorContext = {
    baseUrl: url,
    webhookSecret,
    models: loadModelCatalogue(options.snapshotsDir),
    scheduler,
    store,
    runner,
    files,
    faults,
    requestLog,
    sender,
    webhooks,
    heldAnswers: new HeldAnswers(),
  };
  const api = apiRoutes(app);
  const control = controlRoutes(app);

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    handleRequest(app, api, control, req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) {
        return sendProblem(res, { detail: "Request body too large.", status: 413 });
      }
      console.error("[emulator] unexpected error", error);
      if (!res.headersSent) sendProblem(res, problems.internal());
      else res.destroy();
    });
  });

  return {
    url,
    port,
    webhookSecret,
    close: async () => {
      scheduler.close();
      sender.close();
      files.close();
      store.releaseWaiters();
      // Let released `Prefer: wait` requests write their answer before sockets are destroyed.
      await new Promise((resolve) => setImmediate(resolve));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

async function handleRequest(
  app: EmulatorContext,
  api: Route[],
  control: Route[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", app.baseUrl);
  const method = req.method ?? "GET";
  const { pathname } = url;

  const file = /^\/files\/([a-z0-9]+)\/(out-\d+\.(?:png|webp|jpg))$/.exec(pathname);
  if (file && (method === "GET" || method === "HEAD")) {
    return app.files.serve(req, res, file[1] ?? "", file[2] ?? "");
  }

  const isApi = pathname === "/v1" || pathname.startsWith("/v1/");
  const logEntry = isApi ? app.requestLog.record(method, `${pathname}${url.search}`) : null;
  if (isApi && !AUTH_HEADER.test(req.headers.authorization ?? "")) {
    return sendProblem(res, problems.unauthenticated());
  }
  const match = matchRoute(isApi ? api : control, method, pathname);
  if (match.kind === "wrong-method") return sendProblem(res, problems.methodNotAllowed());
  if (match.kind === "none") return sendProblem(res, problems.notFound());
  await match.handler({ req, res, url, params: match.params, logEntry });
}
