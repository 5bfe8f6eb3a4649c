// Every delay in the emulator goes through one Scheduler, so a single timeScale speeds the whole
// emulator up for tests and close() can stop everything that is still pending.
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(readonly timeScale: number) {}

  /** Real milliseconds for a delay expressed in emulated milliseconds. */
  scaled(ms: number): number {
    return Math.max(0, ms * this.timeScale);
  }

  /** Runs fn after `ms` emulated milliseconds; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void {
    return this.afterReal(this.scaled(ms), fn);
  }

  /** Runs fn after `ms` real milliseconds (for deadlines already measured in wall-clock time). */
  afterReal(ms: number, fn: () => void): () => void {
    if (this.closed) return () => {};
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Resolves after `ms` emulated milliseconds; never resolves once closed (nothing should run then). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
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
