import type { ServerResponse } from "node:http";
import { BoundedLog } from "./request-log";

// Every GET/HEAD of an output file, as GET /_emulator/files reports it. `concurrent` counts the
// other downloads of the same file in flight when this one began: a receiver that fetches one
// output twice at once (duplicate webhook deliveries) shows up as concurrent > 0.

export type FileDownload = {
  predictionId: string;
  /** e.g. `out-1.png` */
  file: string;
  output: number;
  method: string;
  /** The status sent, or null while nothing was sent. A `reset` sent 200 and then dropped the socket. */
  status: number | null;
  outcome: "pending" | "served" | "not-found" | "reset" | "aborted";
  at: string;
  concurrent: number;
};

type InFlight = { key: string; predictionId: string };

export class FileDownloads {
  readonly log = new BoundedLog<FileDownload>();
  private readonly inFlight = new Map<ServerResponse, InFlight>();

  begin(res: ServerResponse, predictionId: string, file: string, method: string): FileDownload {
    const key = `${predictionId}/${file}`;
    let concurrent = 0;
    for (const other of this.inFlight.values()) if (other.key === key) concurrent++;
    const output = Number(/^out-(\d+)\./.exec(file)?.[1] ?? -1);
    const at = new Date().toISOString();
    const entry = this.log.push({ predictionId, file, output, method, status: null, outcome: "pending", at, concurrent });
    this.inFlight.set(res, { key, predictionId });
    res.once("finish", () => {
      if (entry.outcome === "pending") entry.outcome = "served";
    });
    res.once("close", () => {
      this.inFlight.delete(res);
      if (entry.outcome === "pending") entry.outcome = "aborted";
    });
    return entry;
  }

  /** Downloads still being answered, all of them or one prediction's. */
  count(predictionId?: string): number {
    let n = 0;
    for (const f of this.inFlight.values()) if (predictionId === undefined || f.predictionId === predictionId) n++;
    return n;
  }

  /** Drops the downloads of a forgotten prediction mid-body, as a restarted host would. */
  abort(predictionId: string): void {
    for (const [res, f] of this.inFlight) if (f.predictionId === predictionId) res.destroy();
  }

  abortAll(): void {
    for (const res of this.inFlight.keys()) res.destroy();
  }
}
