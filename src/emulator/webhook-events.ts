import { nowMs, type Scheduler } from "./clock";
import { newWebhookMessageId } from "./ids";
import { isTerminal, type PredictionRecord, type WebhookEvent } from "./prediction-store";
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

const LOGS_THROTTLE_MS = 500;

export class WebhookEmitter {
  private readonly states = new Map<string, PredictionWebhooks>();

  constructor(
    private readonly sender: WebhookSender,
    private readonly scheduler: Scheduler,
    private readonly snapshot: (record: PredictionRecord) => unknown,
  ) {}

  emit(record: PredictionRecord, event: WebhookEvent): void {
    if (!record.webhook || record.faults.dropWebhooks || !record.webhookEvents.has(event)) return;
    const state = this.stateOf(record.id);
    if (event === "logs") {
      this.throttleLogs(record, state);
      return;
    }
    if (event === "completed") {
      state.cancelTrailingLogs?.();
      state.cancelTrailingLogs = null;
    }
    this.dispatch(record, event, state);
  }

  /** At most one `logs` webhook per window; the latest logs go out when the window ends. */
  private throttleLogs(record: PredictionRecord, state: PredictionWebhooks): void {
    const window = this.scheduler.scaled(LOGS_THROTTLE_MS);
    const sinceLast = nowMs() - state.lastLogsAt;
    if (sinceLast >= window) {
      state.lastLogsAt = nowMs();
      this.dispatch(record, "logs", state);
      return;
    }
    if (state.cancelTrailingLogs) return;
    state.cancelTrailingLogs = this.scheduler.afterReal(window - sinceLast, () => {
      state.cancelTrailingLogs = null;
      if (isTerminal(record.status)) return; // `completed` carries the final logs
      state.lastLogsAt = nowMs();
      this.dispatch(record, "logs", state);
    });
  }

  private dispatch(record: PredictionRecord, event: WebhookEvent, state: PredictionWebhooks): void {
    const message: WebhookMessage = {
      predictionId: record.id,
      event,
      url: record.webhook ?? "",
      webhookId: newWebhookMessageId(),
      body: JSON.stringify(this.snapshot(record)), // the payload is frozen when the event happens
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
    if (delay > 0) this.scheduler.after(delay, enqueue);
    else enqueue();
  }

  /** The `duplicate-webhooks` fault sends identical copies (same webhook-id) concurrently. */
  private async deliverCopies(record: PredictionRecord, message: WebhookMessage): Promise<void> {
    const retry = message.event === "completed";
    const copies = Array.from({ length: record.faults.webhookCopies }, () => this.sender.deliver(message, retry));
    await Promise.all(copies);
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
