import type { IncomingMessage, ServerResponse } from "node:http";
import { nowMs, type Scheduler } from "./clock";
import { CONTENT_TYPES, EXTENSIONS, type ImageRecipe, renderImage } from "./images";

// Stands in for replicate.delivery: serves each prediction's images until they expire. Rendering
// starts as soon as a prediction is planned, so it overlaps the emulated run; images are
// deterministic, so bytes evicted under memory pressure are simply rendered again on demand.

type FileEntry = {
  recipe: ImageRecipe;
  predictionId: string;
  expiresAt: number;
  slowFileSeconds: number;
  notFound: boolean;
  rendered: Promise<Buffer> | null;
  size: number;
};

export type FileFaults = { slowFileSeconds: number; file404: boolean };

const CACHE_BUDGET_BYTES = 256 * 1024 * 1024;
const SLOW_FILE_CHUNKS = 20;

export class FileHost {
  private readonly files = new Map<string, FileEntry>();
  private cachedBytes = 0;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly baseUrl: string,
    private readonly scheduler: Scheduler,
    private readonly ttlMs: number,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(60_000, Math.max(1_000, ttlMs)));
    this.sweeper.unref();
  }

  /** Plans the files of one prediction, starts rendering them and returns their public URLs. */
  register(predictionId: string, recipes: ImageRecipe[], faults: FileFaults): string[] {
    return recipes.map((recipe) => {
      const name = `out-${recipe.index}.${EXTENSIONS[recipe.format]}`;
      const entry: FileEntry = {
        recipe,
        predictionId,
        expiresAt: nowMs() + this.ttlMs,
        slowFileSeconds: faults.slowFileSeconds,
        notFound: faults.file404,
        rendered: null,
        size: 0,
      };
      this.files.set(`${predictionId}/${name}`, entry);
      void this.bytesOf(entry).catch(() => {}); // a failure resurfaces when the file is fetched
      return `${this.baseUrl}/files/${predictionId}/${name}`;
    });
  }

  /** Forgets a prediction's files (it failed or was canceled, so no URL was ever published). */
  discard(predictionId: string): void {
    for (const [key, entry] of this.files) {
      if (entry.predictionId === predictionId) this.forget(key, entry);
    }
  }

  async serve(req: IncomingMessage, res: ServerResponse, key: string): Promise<void> {
    const entry = this.files.get(key);
    if (!entry || entry.notFound || entry.expiresAt < nowMs()) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not Found");
      return;
    }
    const bytes = await this.bytesOf(entry);
    res.writeHead(200, {
      "Content-Type": CONTENT_TYPES[entry.recipe.format],
      "Content-Length": bytes.length,
      "Cache-Control": "public, max-age=3600",
    });
    if (req.method === "HEAD") res.end();
    else if (entry.slowFileSeconds > 0) this.trickle(res, bytes, entry.slowFileSeconds * 1000);
    else res.end(bytes);
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /** Sends the body in small pieces spread over `durationMs` (emulated): a slow CDN edge. */
  private trickle(res: ServerResponse, bytes: Buffer, durationMs: number): void {
    const chunkSize = Math.ceil(bytes.length / SLOW_FILE_CHUNKS);
    const step = (offset: number) => {
      if (res.destroyed) return;
      const end = Math.min(bytes.length, offset + chunkSize);
      if (end >= bytes.length) return void res.end(bytes.subarray(offset));
      res.write(bytes.subarray(offset, end));
      this.scheduler.after(durationMs / SLOW_FILE_CHUNKS, () => step(end));
    };
    step(0);
  }

  private bytesOf(entry: FileEntry): Promise<Buffer> {
    if (entry.rendered) return entry.rendered;
    const rendered = renderImage(entry.recipe);
    entry.rendered = rendered;
    rendered.then(
      (bytes) => {
        if (entry.rendered !== rendered) return;
        entry.size = bytes.length;
        this.cachedBytes += bytes.length;
        this.evictOverBudget(entry);
      },
      () => {
        if (entry.rendered === rendered) entry.rendered = null; // let the next request try again
      },
    );
    return rendered;
  }

  private evictOverBudget(keep: FileEntry): void {
    for (const entry of this.files.values()) {
      if (this.cachedBytes <= CACHE_BUDGET_BYTES) return;
      if (entry === keep || entry.size === 0) continue;
      this.cachedBytes -= entry.size;
      entry.size = 0;
      entry.rendered = null;
    }
  }

  private forget(key: string, entry: FileEntry): void {
    this.cachedBytes -= entry.size;
    this.files.delete(key);
  }

  private sweep(): void {
    const now = nowMs();
    for (const [key, entry] of this.files) if (entry.expiresAt < now) this.forget(key, entry);
  }
}
