import { randomBytes } from "node:crypto";
import { nowMs, type Scheduler } from "./clock";
import type { FileHost } from "./file-host";
import type { ImageRecipe } from "./images";
import { fetchInputImages } from "./input-files";
import {
  isPredictionSettled,
  type PredictionRecord,
  type PredictionStatus,
  type PredictionStore,
  type WebhookEvent,
} from "./prediction-store";
import { tqdmLine } from "./progress-logs";
import type { WebhookEmitter } from "./webhook-events";

// Drives one prediction through starting → processing → a terminal status on emulated time, with
// the log lines, outputs and webhooks a real image model produces along the way.

export const NSFW_MESSAGE = "NSFW content detected. Try running it again, or try a different prompt.";
/** Outputs exist a moment before `succeeded` (Cog uploads them first), as `Prefer: wait` shows. */
const UPLOAD_MS = 120;
/** Progress lines per run: one per step, but no more than this for long (500-step) runs. */
const MAX_PROGRESS_UPDATES = 20;
const EXTRA_OUTPUT_MS = 150;

const jitter = (ms: number) => ms * (0.9 + Math.random() * 0.2);

export type RunnerDeps = {
  scheduler: Scheduler;
  store: PredictionStore;
  files: FileHost;
  webhooks: WebhookEmitter;
  /** Hosts file inputs may be downloaded from. */
  inputHosts: readonly string[];
};

export class PredictionRunner {
  /** At most one pending step per prediction; cancel/finish clears it. */
  private readonly pending = new Map<string, () => void>();

  constructor(private readonly deps: RunnerDeps) {}

  start(record: PredictionRecord): void {
    const boot = jitter(record.model.behaviour.timing.bootMs) + record.faults.coldStartSeconds * 1000;
    // File inputs download while the model boots; a failed download fails the prediction.
    const inputs = fetchInputImages(record.model.fileInputs, record.values, this.deps.inputHosts).then(
      (images) => ({ images }),
      (error: unknown) => ({ error: `Failed to download input file: ${error instanceof Error ? error.message : String(error)}` }),
    );
    this.next(record, boot, () => {
      if (record.faults.aborted) return this.finish(record, "aborted", null);
      // Counted as a pending step while the download is still going, so activity is not idle.
      let stopped = false;
      this.pending.set(record.id, () => {
        stopped = true;
      });
      void inputs.then((got) => {
        if (stopped) return; // canceled or forgotten meanwhile
        this.pending.delete(record.id);
        if ("error" in got) {
          record.status = "processing";
          record.startedAt = nowMs();
          this.publish(record, "start");
          return this.fail(record, got.error);
        }
        record.inputImages = got.images;
        this.beginProcessing(record);
      });
    });
  }

  /** Cancels a running prediction; a finished one is left exactly as it is. */
  cancel(record: PredictionRecord): void {
    if (!isPredictionSettled(record.status)) this.finish(record, "canceled", null);
  }

  /** Stops a forgotten prediction where it is: no further step, status or webhook. */
  forget(id: string): void {
    this.pending.get(id)?.();
    this.pending.delete(id);
  }

  /** Predictions with a step still to come. */
  running(): number {
    return this.pending.size;
  }

  private beginProcessing(record: PredictionRecord): void {
    const { values, faults } = record;
    record.status = "processing";
    record.startedAt = nowMs();
    record.logs = record.model.inputNames.has("seed") ? `Using seed: ${record.seed}\n` : "";
    const plan = record.model.behaviour.planImage(values, record.inputImages);
    if ("error" in plan) {
      this.publish(record, "start");
      this.next(record, 200, () => this.fail(record, plan.error));
      return;
    }
    const count = record.model.outputIsList ? Number(values.num_outputs ?? 1) : 1;
    const { varies, derive, ...size } = plan;
    const source = derive ? record.inputImages[derive.source] : undefined;
    const mask = derive?.mask ? record.inputImages[derive.mask] : undefined;
    const derived =
      derive && source ? { derived: { kind: derive.kind, source: source.bytes, ...(mask ? { mask: mask.bytes } : {}) } } : {};
    const recipes: ImageRecipe[] = Array.from({ length: count }, (_, index) => ({
      prompt: String(values.prompt ?? ""),
      seed: record.seed,
      index,
      ...size,
      ...(varies ? { variation: randomBytes(8).toString("hex") } : {}),
      ...derived,
    }));
    const willFail = faults.failure !== null || faults.nsfw;
    const urls = willFail ? [] : this.deps.files.register(record.id, recipes, faults.files);

    const steps = Number(values.num_inference_steps ?? 4);
    const updates = Math.max(1, Math.min(steps, MAX_PROGRESS_UPDATES));
    const processingMs =
      jitter(record.model.behaviour.timing.processingMs) + EXTRA_OUTPUT_MS * (count - 1) + faults.slowRunSeconds * 1000;
    const interval = processingMs / updates;
    const failAt = faults.failure === null ? 0 : Math.ceil(updates / 2);
    record.logs += `${tqdmLine(0, steps, 0)}\n`;
    this.publish(record, "start");

    const tick = (update: number) => {
      const done = Math.round((update * steps) / updates);
      record.logs += `${tqdmLine(done, steps, (update * interval) / 1000)}\n`;
      if (update === failAt) return this.fail(record, faults.failure ?? "");
      this.publish(record, "logs");
      if (update < updates) return this.next(record, interval, () => tick(update + 1));
      if (faults.nsfw) return this.next(record, UPLOAD_MS, () => this.fail(record, NSFW_MESSAGE));
      record.output = urls;
      this.publish(record, "output");
      this.next(record, UPLOAD_MS, () => this.finish(record, "succeeded", null));
    };
    this.next(record, interval, () => tick(1));
  }

  private fail(record: PredictionRecord, error: string): void {
    record.logs += `Traceback (most recent call last):\n  File "predict.py", in predict\n${error}\n`;
    this.finish(record, "failed", error);
  }

  private finish(record: PredictionRecord, status: PredictionStatus, error: string | null): void {
    this.pending.get(record.id)?.();
    this.pending.delete(record.id);
    record.status = status;
    record.error = error;
    record.completedAt = nowMs();
    if (status !== "succeeded") {
      record.output = null;
      this.deps.files.discard(record.id);
    }
    this.publish(record, "completed");
  }

  private next(record: PredictionRecord, delayMs: number, step: () => void): void {
    const cancel = this.deps.scheduler.after(
      delayMs,
      () => {
        this.pending.delete(record.id);
        step();
      },
      record.id,
    );
    this.pending.set(record.id, cancel);
  }

  private publish(record: PredictionRecord, event: WebhookEvent): void {
    this.deps.store.changed(record);
    this.deps.webhooks.emit(record, event);
  }
}
