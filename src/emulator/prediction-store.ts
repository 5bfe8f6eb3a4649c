import { nowMs, rfc3339, type Scheduler, secondsBetween } from "./clock";
import type { ModelVersion } from "./models";
import type { PredictionFaults } from "./prediction-faults";

export type PredictionStatus = "starting" | "processing" | "succeeded" | "failed" | "canceled" | "aborted";
export type WebhookEvent = "start" | "output" | "logs" | "completed";
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = ["start", "output", "logs", "completed"];

export const isTerminal = (status: PredictionStatus) => status !== "starting" && status !== "processing";

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
};

const PAGE_SIZE = 100;

export class PredictionStore {
  private readonly byId = new Map<string, PredictionRecord>();
  private readonly ordered: PredictionRecord[] = [];
  private readonly watchers = new Map<string, Set<() => void>>();
  private lastSeq = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly scheduler: Scheduler,
    private readonly dataTtlMs: number,
  ) {}

  nextSeq(): number {
    this.lastSeq += 1;
    return this.lastSeq;
  }

  add(record: PredictionRecord): void {
    this.byId.set(record.id, record);
    this.ordered.push(record);
  }

  get(id: string): PredictionRecord | undefined {
    return this.byId.get(id);
  }

  /** Wakes whoever waits on this prediction (`Prefer: wait` requests). */
  changed(record: PredictionRecord): void {
    for (const wake of this.watchers.get(record.id) ?? []) wake();
  }

  /** Resolves once `done(record)` holds or `timeoutMs` (emulated) passes, whichever is first. */
  waitUntil(record: PredictionRecord, done: (r: PredictionRecord) => boolean, timeoutMs: number) {
    return new Promise<void>((resolve) => {
      if (done(record) || this.scheduler.isClosed) return resolve();
      const set = this.watchers.get(record.id) ?? new Set<() => void>();
      this.watchers.set(record.id, set);
      const finish = () => {
        set.delete(check);
        if (set.size === 0) this.watchers.delete(record.id);
        cancelTimer();
        resolve();
      };
      const check = () => {
        if (done(record)) finish();
      };
      const cancelTimer = this.scheduler.after(timeoutMs, finish);
      set.add(check);
    });
  }

  /** On shutdown: answer every held request instead of leaving it hanging. */
  releaseWaiters(): void {
    for (const set of this.watchers.values()) for (const wake of [...set]) wake();
    this.watchers.clear();
  }

  toJson(record: PredictionRecord) {
    const { id, completedAt, startedAt, createdAt } = record;
    // Like Replicate, inputs, outputs and logs are deleted a while (fileTtlSeconds) after completion.
    const removed = completedAt !== null && nowMs() - completedAt > this.dataTtlMs;
    const api = `${this.baseUrl}/v1/predictions/${id}`;
    return {
      id,
      model: `${record.model.owner}/${record.model.name}`,
      version: record.version,
      input: removed ? {} : record.input,
      logs: removed ? "" : record.logs,
      output: removed ? null : record.output,
      data_removed: removed,
      error: record.error,
      status: record.status,
      source: "api",
      created_at: rfc3339(createdAt),
      ...(startedAt === null ? {} : { started_at: rfc3339(startedAt) }),
      ...(completedAt === null ? {} : { completed_at: rfc3339(completedAt) }),
      urls: { cancel: `${api}/cancel`, get: api, web: `${this.baseUrl}/p/${id}` },
      metrics:
        completedAt === null
          ? {}
          : {
              predict_time: startedAt === null ? 0 : secondsBetween(startedAt, completedAt),
              total_time: secondsBetween(createdAt, completedAt),
            },
    };
  }

  /** One page, newest first. Cursors are opaque: `b<seq>` (older than) or `a<seq>` (newer than). */
  page(cursor: string | null) {
    const decoded = cursor === null ? "" : Buffer.from(cursor, "base64url").toString("utf8");
    const match = /^([ab])(\d+)$/.exec(decoded);
    if (cursor !== null && !match) return null;
    const seq = Number(match?.[2] ?? Number.POSITIVE_INFINITY);
    const slice =
      match?.[1] === "a"
        ? this.ordered.filter((r) => r.seq > seq).slice(0, PAGE_SIZE)
        : this.ordered.filter((r) => r.seq < seq).slice(-PAGE_SIZE);
    const newest = slice.at(-1);
    const oldest = slice[0];
    const link = (kind: string, at: number) =>
      `${this.baseUrl}/v1/predictions?cursor=${Buffer.from(`${kind}${at}`).toString("base64url")}`;
    const first = this.ordered[0];
    const last = this.ordered.at(-1);
    return {
      next: oldest && first && first.seq < oldest.seq ? link("b", oldest.seq) : null,
      previous: newest && last && last.seq > newest.seq ? link("a", newest.seq) : null,
      results: slice.reverse().map((r) => this.toJson(r)),
    };
  }
}
