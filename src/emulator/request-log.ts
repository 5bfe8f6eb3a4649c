/** An append-only list that forgets its oldest entries, so long benchmark runs stay bounded. */
export class BoundedLog<T> {
  private entries: T[] = [];

  constructor(private readonly capacity = 10_000) {}

  push(entry: T): T {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return entry;
  }

  list(): readonly T[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}

/** One request under /v1, as GET /_emulator/requests reports it. */
export type RequestLogEntry = {
  method: string;
  /** Path with query string, e.g. `/v1/predictions?cursor=...`. */
  path: string;
  at: string;
  predictionId?: string;
};

export class RequestLog extends BoundedLog<RequestLogEntry> {
  record(method: string, path: string): RequestLogEntry {
    return this.push({ method, path, at: new Date().toISOString() });
  }
}
