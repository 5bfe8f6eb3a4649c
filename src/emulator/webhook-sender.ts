import http, { type ClientRequest } from "node:http";
import https from "node:https";
import { Webhook } from "standardwebhooks";
import type { Scheduler } from "./clock";
import { PredictionConnections } from "./connections";
import type { WebhookEvent } from "./prediction-store";
import { BoundedLog } from "./request-log";

// Signs (Standard Webhooks v1) and POSTs one webhook message. node:http rather than fetch: it never
// follows redirects, and close() can destroy every socket so the process is free to exit. Nothing
// is sent for a prediction the emulator has forgotten (`isKnown`), retries included.

export type WebhookMessage = {
  predictionId: string;
  event: WebhookEvent;
  url: string;
  webhookId: string;
  body: string;
  /** When the event happened (the payload was frozen then), RFC 3339 with microseconds. */
  eventAt: string;
};

export type Delivery = {
  predictionId: string;
  event: WebhookEvent;
  webhookId: string;
  url: string;
  /** HTTP status, or null when the request failed (network error, timeout). */
  status: number | null;
  attempt: number;
  /** When this attempt started. */
  at: string;
  /** When the event happened: the `logs` throttle spaces these, whatever the delivery delays. */
  eventAt: string;
};

/** Waits before each retry of a final webhook: the last one lands about a minute after completion. */
const RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];
const ATTEMPT_TIMEOUT_MS = 10_000;
/** Even with a tiny timeScale, give a real receiver (a cold Next.js route) time to answer. */
const MIN_REAL_TIMEOUT_MS = 2_000;

export class WebhookSender {
  readonly deliveries = new BoundedLog<Delivery>();
  private readonly signer: Webhook;
  /** Requests being sent, with the prediction each belongs to. */
  private readonly inFlight = new PredictionConnections<ClientRequest>();

  constructor(
    secret: string,
    private readonly scheduler: Scheduler,
    private readonly isKnown: (predictionId: string) => boolean,
  ) {
    this.signer = new Webhook(secret);
  }

  /** Resolves after the first attempt; with `retry`, failures are retried in the background. */
  async deliver(message: WebhookMessage, retry: boolean): Promise<void> {
    const ok = await this.attempt(message, 1);
    if (!ok && retry) this.retryLater(message, 1);
  }

  /** Deliveries in flight, all of them or one prediction's. */
  inFlightCount(predictionId?: string): number {
    return this.inFlight.count(predictionId);
  }

  /** Cuts the deliveries of a forgotten prediction (its pending retries are its scheduler timers). */
  abort(predictionId: string): void {
    this.inFlight.abort(predictionId);
  }

  close(): void {
    this.inFlight.abortAll();
  }

  private retryLater(message: WebhookMessage, attemptsSoFar: number): void {
    const delay = RETRY_DELAYS_MS[attemptsSoFar - 1];
    if (delay === undefined || !this.isKnown(message.predictionId)) return;
    const retry = () => {
      void this.attempt(message, attemptsSoFar + 1).then((ok) => {
        if (!ok) this.retryLater(message, attemptsSoFar + 1);
      });
    };
    this.scheduler.after(delay, retry, message.predictionId);
  }

  private async attempt(message: WebhookMessage, attempt: number): Promise<boolean> {
    // Closed or forgotten: report success so nothing is retried.
    if (this.scheduler.isClosed || !this.isKnown(message.predictionId)) return true;
    const startedAt = new Date();
    // Same webhook-id on every attempt (receivers dedupe on it); a fresh timestamp each time.
    const headers = {
      "Content-Type": "application/json",
      "User-Agent": "Replicate-Emulator-Webhooks/1.0",
      "webhook-id": message.webhookId,
      "webhook-timestamp": String(Math.floor(startedAt.getTime() / 1000)),
      "webhook-signature": this.signer.sign(message.webhookId, startedAt, message.body),
    };
    const status = await this.post(message, headers);
    const { predictionId, event, webhookId, url, eventAt } = message;
    const at = startedAt.toISOString();
    this.deliveries.push({ predictionId, event, webhookId, url, status, attempt, at, eventAt });
    return status !== null && status >= 200 && status < 300;
  }

  private post(message: WebhookMessage, headers: Record<string, string>): Promise<number | null> {
    return new Promise((resolve) => {
      let target: URL;
      try {
        target = new URL(message.url);
      } catch {
        return resolve(null);
      }
      const transport = target.protocol === "https:" ? https : http;
      const request = transport.request(target, { method: "POST", headers, agent: false }, (res) => {
        res.resume(); // the answer's body is irrelevant; only the status counts
        resolve(res.statusCode ?? null);
      });
      const timeout = Math.max(this.scheduler.scaled(ATTEMPT_TIMEOUT_MS), MIN_REAL_TIMEOUT_MS);
      request.setTimeout(timeout, () => request.destroy(new Error("webhook timed out")));
      request.on("error", () => resolve(null));
      this.inFlight.add(request, message.predictionId);
      request.end(message.body);
    });
  }
}
