import { nowMs, rfc3339, type Scheduler } from "./clock";
import { newWebhookMessageId } from "./ids";
import { isPredictionSettled, type PredictionRecord, type WebhookEvent } from "./prediction-store";
import type { WebhookMessage, WebhookSender } from "./webhook-sender";

// Decides which webhooks a prediction sends and when: the events filter, the 500 ms throttle on
// `logs`, and the webhook faults (drop, duplicate, delay, out-of-order). Messages of one
// prediction go out one after another, each waiting for the previous first attempt.

type PredictionWebhooks = {
  chain: Promise<void>;
  lastLogsAt: number;
  cancelTrailingLogs: (() => void) | null;
  held: WebhookMessage[];
};

export type WebhookEmitterDeps = {
  sender: WebhookSender;
  scheduler: Scheduler;
  /** The prediction's JSON, frozen into the message when the event happens. */
  snapshot: (record: PredictionRecord) => unknown;
  /** Called once `record.startAnnounced` is set (lost create answers wait for it). */
  onStartAnnounced: (record: PredictionRecord) => void;
};

const LOGS_THROTTLE_MS = 500;

export class WebhookEmitter {
  private readonly states = new Map<string, PredictionWebhooks>();

  constructor(private readonly deps: WebhookEmitterDeps) {}

  emit(record: PredictionRecord, event: WebhookEvent): void {
    if (!record.webhook || record.faults.dropWebhooks || !record.webhookEvents.has(event)) {
      if (event === "start") this.announceStart(record); // no `start` webhook will ever be attempted
      return;
    }
    const state = this.stateOf(record.id);
    if (event === "logs") {
      this.throttleLogs(record, state);
      return;
    }
    if (event === "completed") {
      state.cancelTrailingLogs?.();
      state.cancelTrailingLogs = null;
    }
    this.dispatch(record, event, state, nowMs());
  }

  /** Drops a forgotten prediction's pending messages (the sender refuses anything still queued). */
  forget(id: string): void {
    this.states.get(id)?.cancelTrailingLogs?.();
    this.states.delete(id);
  }

  /** At most one `logs` webhook per window; the latest logs go out when the window ends. */
  private throttleLogs(record: PredictionRecord, state: PredictionWebhooks): void {
    // A trailing send is already due: it snapshots the logs when it fires, so it carries these too.
    // (Sending now as well would put two webhooks a moment apart when its timer runs late.)
    if (state.cancelTrailingLogs) return;
    const window = this.deps.scheduler.scaled(LOGS_THROTTLE_MS);
    const now = nowMs();
    const sinceLast = now - state.lastLogsAt;
    if (sinceLast >= window) {
      state.lastLogsAt = now;
      this.dispatch(record, "logs", state, now);
      return;
    }
    const trailing = () => {
      state.cancelTrailingLogs = null;
      if (isPredictionSettled(record.status)) return; // `completed` carries the final logs
      // Node's timers count from the event loop's cached time, so one can fire a few ms before the
      // window has passed by the clock: wait out the rest rather than send early.
      const left = window - (nowMs() - state.lastLogsAt);
      if (left > 0) {
        state.cancelTrailingLogs = this.deps.scheduler.afterReal(left, trailing, record.id);
        return;
      }
      state.lastLogsAt = nowMs();
      this.dispatch(record, "logs", state, state.lastLogsAt);
    };
    state.cancelTrailingLogs = this.deps.scheduler.afterReal(window - sinceLast, trailing, record.id);
  }

  private dispatch(record: PredictionRecord, event: WebhookEvent, state: PredictionWebhooks, at: number): void {
    const message: WebhookMessage = {
      predictionId: record.id,
      event,
      url: record.webhook ?? "",
      webhookId: newWebhookMessageId(),
      body: JSON.stringify(this.deps.snapshot(record)), // the payload is frozen when the event happens
      eventAt: rfc3339(at),
    };
    if (record.faults.outOfOrder && event !== "completed") {
      state.held.push(message); // released right after `completed`
      return;
    }
    const enqueue = () => {
      const batch = event === "completed" ? [message, ...state.held] : [message];
      for (const queued of batch) {
        state.chain = state.chain.then(() => this.deliverCopies(record, queued));
      }
      if (event === "completed") this.states.delete(record.id);
    };
    const delay = record.faults.webhookDelaySeconds * 1000;
    if (delay > 0) this.deps.scheduler.after(delay, enqueue, record.id);
    else enqueue();
  }

  /** The `duplicate-webhooks` fault sends identical copies (same webhook-id) concurrently. */
  private async deliverCopies(record: PredictionRecord, message: WebhookMessage): Promise<void> {
    const retry = message.event === "completed";
    const copies = Array.from({ length: record.faults.webhookCopies }, () => this.deps.sender.deliver(message, retry));
    await Promise.all(copies);
    if (message.event === "start") this.announceStart(record);
  }

  private announceStart(record: PredictionRecord): void {
    if (record.startAnnounced) return;
    record.startAnnounced = true;
    this.deps.onStartAnnounced(record);
  }

  private stateOf(id: string): PredictionWebhooks {
    let state = this.states.get(id);
    if (!state) {
      state = { chain: Promise.resolve(), lastLogsAt: 0, cancelTrailingLogs: null, held: [] };
      this.states.set(id, state);
    }
    return state;
  }
}
