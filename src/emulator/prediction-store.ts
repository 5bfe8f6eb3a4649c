import type { Scheduler } from "./clock";
import { type PredictionRecord, predictionJson } from "./prediction-record";

export {
  isPredictionSettled,
  type PredictionRecord,
  type PredictionStatus,
  startSettled,
  WEBHOOK_EVENTS,
  type WebhookEvent,
} from "./prediction-record";

// Every prediction the emulator knows, in creation order, and the requests waiting on them.

const PAGE_SIZE = 100;

/** A waiting request: `check` re-tests its condition, `release` ends the wait regardless. */
type Waiter = { check: () => void; release: () => void };

export class PredictionStore {
  private readonly byId = new Map<string, PredictionRecord>();
  private ordered: PredictionRecord[] = [];
  private readonly waiters = new Map<string, Set<Waiter>>();
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

  all(): readonly PredictionRecord[] {
    return this.ordered;
  }

  /** Drops a prediction as a restart would: later GETs answer 404; whoever waits on it wakes up. */
  remove(id: string): void {
    if (!this.byId.delete(id)) return;
    this.ordered = this.ordered.filter((r) => r.id !== id);
    for (const waiter of [...(this.waiters.get(id) ?? [])]) waiter.release();
  }

  /** Requests waiting on predictions (`Prefer: wait`, held create answers), all or one prediction's. */
  waiting(id?: string): number {
    if (id !== undefined) return this.waiters.get(id)?.size ?? 0;
    let n = 0;
    for (const set of this.waiters.values()) n += set.size;
    return n;
  }

  /** Wakes whoever waits on this prediction. */
  changed(record: PredictionRecord): void {
    for (const waiter of [...(this.waiters.get(record.id) ?? [])]) waiter.check();
  }

  /**
   * Resolves once `done(record)` holds, `timeoutMs` (emulated; null: no limit) passes, the
   * prediction is forgotten or the emulator closes, whichever is first.
   */
  waitUntil(record: PredictionRecord, done: (r: PredictionRecord) => boolean, timeoutMs: number | null): Promise<void> {
    return new Promise<void>((resolve) => {
      if (done(record) || this.scheduler.isClosed || !this.byId.has(record.id)) return resolve();
      const set = this.waiters.get(record.id) ?? new Set<Waiter>();
      this.waiters.set(record.id, set);
      const release = () => {
        set.delete(waiter);
        if (set.size === 0 && this.waiters.get(record.id) === set) this.waiters.delete(record.id);
        cancelTimer();
        resolve();
      };
      const waiter: Waiter = { check: () => done(record) && release(), release };
      const cancelTimer = timeoutMs === null ? () => {} : this.scheduler.after(timeoutMs, release, record.id);
      set.add(waiter);
    });
  }

  /** On shutdown: answer every held request instead of leaving it hanging. */
  releaseWaiters(): void {
    for (const set of [...this.waiters.values()]) for (const waiter of [...set]) waiter.release();
  }

  toJson(record: PredictionRecord) {
    return predictionJson(record, this.baseUrl, this.dataTtlMs);
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
