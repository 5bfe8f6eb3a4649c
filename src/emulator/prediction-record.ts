import { nowMs, rfc3339, secondsBetween } from "./clock";
import type { InputImages } from "./input-files";
import type { ModelVersion } from "./models";
import type { PredictionFaults } from "./prediction-faults";

// One prediction as the emulator keeps it, and its JSON as the API shows it.

export type PredictionStatus = "starting" | "processing" | "succeeded" | "failed" | "canceled" | "aborted";
export type WebhookEvent = "start" | "output" | "logs" | "completed";
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = ["start", "output", "logs", "completed"];

/** The prediction has ended and will not change again (succeeded, failed, canceled or aborted). */
export const isPredictionSettled = (status: PredictionStatus) => status !== "starting" && status !== "processing";

export type PredictionRecord = {
  id: string;
  seq: number;
  model: ModelVersion;
  /** The version as reported back (the official model reports its stable stand-in id). */
  version: string;
  /** Input exactly as sent; `values` is the validated copy with defaults filled in. */
  input: Record<string, unknown>;
  values: Record<string, unknown>;
  seed: number;
  /** The file inputs, downloaded while the prediction starts (empty until then). */
  inputImages: InputImages;
  status: PredictionStatus;
  logs: string;
  output: string[] | null;
  error: string | null;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
  webhook: string | null;
  webhookEvents: ReadonlySet<WebhookEvent>;
  faults: PredictionFaults;
  /** Cancel calls answered so far (the cancel-503 fault refuses the first few). */
  cancelCalls: number;
  /**
   * Set once the `start` webhook had its first delivery attempt, or as soon as no `start`
   * webhook will be sent (no webhook URL, filtered out, dropped): lost create answers wait on it.
   */
  startAnnounced: boolean;
};

/** Whether the prediction's start is known to the outside world (or it ended without starting). */
export const startSettled = (r: PredictionRecord) => r.startAnnounced || (isPredictionSettled(r.status) && r.startedAt === null);

/** The API's JSON; like Replicate, input, output and logs are removed `dataTtlMs` after completion. */
export function predictionJson(record: PredictionRecord, baseUrl: string, dataTtlMs: number) {
  const { id, completedAt, startedAt, createdAt } = record;
  const removed = completedAt !== null && nowMs() - completedAt > dataTtlMs;
  const api = `${baseUrl}/v1/predictions/${id}`;
  return {
    id,
    model: `${record.model.owner}/${record.model.name}`,
    version: record.version,
    input: removed ? {} : record.input,
    logs: removed ? "" : record.logs,
    // The version's Output schema decides the shape: a list of URLs, or one URL.
    output: removed || record.output === null ? null : record.model.outputIsList ? record.output : (record.output[0] ?? null),
    data_removed: removed,
    error: record.error,
    status: record.status,
    source: "api",
    created_at: rfc3339(createdAt),
    ...(startedAt === null ? {} : { started_at: rfc3339(startedAt) }),
    ...(completedAt === null ? {} : { completed_at: rfc3339(completedAt) }),
    urls: { cancel: `${api}/cancel`, get: api, web: `${baseUrl}/p/${id}` },
    metrics:
      completedAt === null
        ? {}
        : {
            predict_time: startedAt === null ? 0 : secondsBetween(startedAt, completedAt),
            total_time: secondsBetween(createdAt, completedAt),
          },
  };
}
