import type { IncomingMessage, ServerResponse } from "node:http";
import { nowMs, type Scheduler } from "./clock";
import { FileDownloads } from "./file-downloads";
import { type OutputFaults, outputFaults, spoils, wouldSpoil } from "./file-faults";
import { resetMidBody, trickle } from "./file-serving";
import { CONTENT_TYPES, EXTENSIONS, type ImageRecipe, renderImage } from "./images";
import type { FileFault } from "./prediction-faults";

// Stands in for replicate.delivery: serves each prediction's images until they expire. Rendering
// starts as soon as a prediction is planned, so it overlaps the emulated run; images are
// deterministic, so bytes evicted under memory pressure are simply rendered again on demand.
// File faults are resolved per output when the files are planned (file-faults.ts).

type FileEntry = OutputFaults & {
  recipe: ImageRecipe;
  predictionId: string;
  expiresAt: number;
  rendered: Promise<Buffer> | null;
  size: number;
};

const CACHE_BUDGET_BYTES = 256 * 1024 * 1024;

export class FileHost {
  readonly downloads = new FileDownloads();
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
  register(predictionId: string, recipes: ImageRecipe[], faults: FileFault[]): string[] {
    return recipes.map((recipe) => {
      const name = `out-${recipe.index}.${EXTENSIONS[recipe.format]}`;
      const entry: FileEntry = {
        ...outputFaults(faults, recipe.index),
        recipe,
        predictionId,
        expiresAt: nowMs() + this.ttlMs,
        rendered: null,
        size: 0,
      };
      this.files.set(`${predictionId}/${name}`, entry);
      void this.bytesOf(entry).catch(() => {}); // a failure resurfaces when the file is fetched
      return `${this.baseUrl}/files/${predictionId}/${name}`;
    });
  }

  /** Forgets a prediction's files (it failed, was canceled or forgotten); downloads in flight are cut. */
  discard(predictionId: string, abortDownloads = false): void {
    for (const [key, entry] of this.files) {
      if (entry.predictionId === predictionId) this.forget(key, entry);
    }
    if (abortDownloads) this.downloads.abort(predictionId);
  }

  /** Files still stored, all of them or one prediction's. */
  count(predictionId?: string): number {
    let n = 0;
    for (const entry of this.files.values()) if (predictionId === undefined || entry.predictionId === predictionId) n++;
    return n;
  }

  async serve(req: IncomingMessage, res: ServerResponse, predictionId: string, file: string): Promise<void> {
    const method = req.method ?? "GET";
    const download = this.downloads.begin(res, predictionId, file, method);
    const entry = this.files.get(`${predictionId}/${file}`);
    const isGet = method === "GET";
    const notFound = isGet ? spoils(entry?.notFound ?? null) : wouldSpoil(entry?.notFound ?? null);
    if (!entry || notFound || entry.expiresAt < nowMs()) {
      download.status = 404;
      download.outcome = "not-found";
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not Found");
      return;
    }
    const bytes = await this.bytesOf(entry);
    if (res.destroyed) return; // forgotten while rendering
    download.status = 200;
    res.writeHead(200, {
      "Content-Type": CONTENT_TYPES[entry.recipe.format],
      "Content-Length": bytes.length,
      "Cache-Control": "public, max-age=3600",
    });
    if (!isGet) return void res.end();
    if (entry.reset && spoils(entry.reset)) {
      download.outcome = "reset";
      resetMidBody(res, bytes, entry.reset.after);
    } else if (entry.slowFileSeconds > 0) {
      trickle(res, bytes, entry.slowFileSeconds * 1000, this.scheduler, predictionId);
    } else res.end(bytes);
  }

  close(): void {
    clearInterval(this.sweeper);
    this.downloads.abortAll();
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
    entry.size = 0;
    entry.rendered = null; // a render still running must not count against the cache later
    this.files.delete(key);
  }

  private sweep(): void {
    const now = nowMs();
    for (const [key, entry] of this.files) if (entry.expiresAt < now) this.forget(key, entry);
  }
}
