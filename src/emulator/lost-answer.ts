import type { IncomingMessage, ServerResponse } from "node:http";
import { nowMs } from "./clock";
import { PredictionConnections } from "./connections";
import type { EmulatorContext } from "./context";
import { sendJson } from "./http-utils";
import type { LostAnswer } from "./prediction-faults";
import { type PredictionRecord, startSettled } from "./prediction-store";

// The create faults that lose the answer of a create that worked: the prediction exists and
// runs, and the answer is lost only once it started and its `start` webhook was attempted (or it
// ended without starting, or no `start` webhook will be sent). So the product may have recorded
// the prediction id from that webhook while its create call fails: held past the caller's
// timeout, reset after the request was read, or answered with a body that does not parse.

/** Create requests whose answer is being held back, per prediction (for activity and forgetting). */
export class HeldAnswers {
  private readonly held = new PredictionConnections<ServerResponse>();

  add(res: ServerResponse, predictionId: string): void {
    this.held.add(res, predictionId);
  }

  count(predictionId?: string): number {
    return this.held.count(predictionId);
  }

  /** A forgotten prediction's held creates lose their connection, as in a restart. */
  abort(predictionId: string): void {
    this.held.abort(predictionId);
  }
}

const MALFORMED: Record<"truncated" | "html" | "empty", (json: string) => { type: string; body: string }> = {
  truncated: (json) => ({ type: "application/json", body: json.slice(0, Math.floor(json.length / 2)) }),
  html: () => ({ type: "text/html", body: "<html><body><h1>Bad gateway</h1></body></html>" }),
  empty: () => ({ type: "application/json", body: "" }),
};

/** Resolves when `until` settles or the caller hangs up; says which came first. */
function unlessClosed(res: ServerResponse, until: Promise<void>): Promise<"closed" | "done"> {
  if (res.socket?.destroyed ?? true) return Promise.resolve("closed");
  return new Promise((resolve) => {
    res.once("close", () => resolve("closed"));
    void until.then(() => resolve("done"));
  });
}

export async function loseAnswer(
  app: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  record: PredictionRecord,
  lost: LostAnswer,
  arrivedAt: number,
): Promise<void> {
  app.heldAnswers.add(res, record.id);
  const gone = () => app.scheduler.isClosed || !app.store.get(record.id);
  const started = app.store.waitUntil(record, startSettled, null);
  if ((await unlessClosed(res, started)) === "closed") return;
  if (gone()) return void req.socket.destroy();

  if (lost.kind === "reset") return void req.socket.resetAndDestroy();
  if (lost.kind === "malformed") {
    const { type, body } = MALFORMED[lost.body](JSON.stringify(app.store.toJson(record)));
    res.writeHead(201, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
    return void res.end(body);
  }
  if (lost.seconds === null) return; // held until the caller gives up (or the emulator closes)
  const remainingMs = app.scheduler.scaled(lost.seconds * 1000) - (nowMs() - arrivedAt);
  let cancel = () => {};
  const held = new Promise<void>((resolve) => {
    cancel = app.scheduler.afterReal(Math.max(0, remainingMs), resolve, record.id);
  });
  const outcome = await unlessClosed(res, held);
  cancel();
  if (outcome === "closed") return;
  if (gone()) return void req.socket.destroy();
  if (lost.end === "reset") return void req.socket.resetAndDestroy();
  sendJson(res, 201, app.store.toJson(record));
}
