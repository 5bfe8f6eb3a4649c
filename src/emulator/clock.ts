// Every delay in the emulator goes through one Scheduler, so a single timeScale speeds the whole
// emulator up for tests and close() can stop everything that is still pending. Timers may carry a
// tag (a prediction id), so forgetting a prediction cancels exactly its pending work and
// /_emulator/activity can tell whether anything is still going to happen for it.
export class Scheduler {
  private readonly timers = new Map<NodeJS.Timeout, string | null>();
  private closed = false;

  constructor(readonly timeScale: number) {}

  /** Real milliseconds for a delay expressed in emulated milliseconds. */
  scaled(ms: number): number {
    return Math.max(0, ms * this.timeScale);
  }

  /** Runs fn after `ms` emulated milliseconds; returns a function that cancels it. */
  after(ms: number, fn: () => void, tag: string | null = null): () => void {
    return this.afterReal(this.scaled(ms), fn, tag);
  }

  /** Runs fn after `ms` real milliseconds (for deadlines already measured in wall-clock time). */
  afterReal(ms: number, fn: () => void, tag: string | null = null): () => void {
    if (this.closed) return () => {};
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.set(timer, tag);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Resolves after `ms` emulated milliseconds; never resolves once closed (nothing should run then). */
  sleep(ms: number, tag: string | null = null): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve, tag));
  }

  /** Pending timers, all of them or those carrying `tag`. */
  pending(tag?: string): number {
    if (tag === undefined) return this.timers.size;
    let n = 0;
    for (const owner of this.timers.values()) if (owner === tag) n++;
    return n;
  }

  /** Cancels every pending timer carrying `tag` (a forgotten prediction's work). */
  cancelTagged(tag: string): void {
    for (const [timer, owner] of this.timers) {
      if (owner !== tag) continue;
      clearTimeout(timer);
      this.timers.delete(timer);
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.keys()) clearTimeout(timer);
    this.timers.clear();
  }
}

/** Wall-clock milliseconds with sub-millisecond precision, so timestamps can carry microseconds. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** RFC 3339 with microseconds, like Replicate's own timestamps (`2024-05-01T12:00:00.123456Z`). */
export function rfc3339(ms: number): string {
  const whole = Math.floor(ms);
  const micros = Math.floor((ms - whole) * 1000);
  return new Date(whole).toISOString().replace("Z", `${String(micros).padStart(3, "0")}Z`);
}

/** Seconds between two timestamps, rounded the way Replicate reports metrics. */
export function secondsBetween(fromMs: number, toMs: number): number {
  return Math.round(Math.max(0, toMs - fromMs) * 1000) / 1e6;
}
