import type { Scheduler } from "./clock";
import type { FaultRegistry } from "./faults";
import type { FileHost } from "./file-host";
import type { HeldAnswers } from "./lost-answer";
import type { ModelCatalogue } from "./models";
import type { PredictionRunner } from "./prediction-runner";
import type { PredictionStore } from "./prediction-store";
import type { RequestLog } from "./request-log";
import type { WebhookEmitter } from "./webhook-events";
import type { WebhookSender } from "./webhook-sender";

/** Everything one running emulator owns; route handlers receive it instead of globals. */
export type EmulatorContext = {
  baseUrl: string;
  webhookSecret: string;
  /** The model versions served, read from the snapshot files. */
  models: ModelCatalogue;
  scheduler: Scheduler;
  store: PredictionStore;
  runner: PredictionRunner;
  files: FileHost;
  faults: FaultRegistry;
  requestLog: RequestLog;
  sender: WebhookSender;
  webhooks: WebhookEmitter;
  heldAnswers: HeldAnswers;
};
