import { type ChildProcess, spawn } from "node:child_process";
import sharp from "sharp";
import { lowestPriority } from "../runtime/low-priority";
import { ENCODER_CHILD_SOURCE, type EncodedVariant, type EncodeSettings, encodeWith } from "./variant-encode";

// Encoding an image's sized WebP copies costs 50–120 ms of CPU (a 1024 px image, three widths),
// more than the rest of its webhook. Done in the server's own process, a burst of finished
// generations took that CPU from every request meanwhile. So it runs in a child process at the
// lowest CPU priority (runtime/low-priority.ts): requests go first, and the copies are made from
// the CPU they leave idle. If no child comes up, the copies are encoded in-process (another child
// is tried ten minutes later); if one dies or hangs mid-encode, that image gets no copies (its
// cards show the original) and the next encode starts a new child.

/** With nothing to encode this long, the child exits (it holds ~60 MB); the next encode starts another. */
const IDLE_MS = 60_000;
/** An encode taking longer ends its child (a hung child must not hold every later image's copies). */
const ENCODE_DEADLINE_MS = 90_000;
/** A child not up by then never will be. */
const READY_DEADLINE_MS = 30_000;
/** After a child failed to come up, encodes are made in-process this long before another is tried. */
const RETRY_CHILD_AFTER_MS = 10 * 60_000;

type Pending = { resolve: (v: EncodedVariant[]) => void; reject: (e: Error) => void };
type Answer = { ready?: true; id?: number; out?: EncodedVariant[]; error?: string };
/** One child: its process, whether it came up, and the encodes sent to it. */
type Worker = { child: ChildProcess; ready: Promise<boolean>; pending: Map<number, Pending> };

export class VariantEncoder {
  private worker: Worker | null = null;
  /** Until then (a child failed to come up), every encode is made in-process. */
  private inProcessUntil = 0;
  private nextId = 0;
  private idle: NodeJS.Timeout | undefined;

  /** `source` and `idleMs` are for tests (a child that fails, a short idle). */
  constructor(private readonly options: { source?: string; idleMs?: number } = {}) {}

  /** The child's pid while one runs (tests read its priority). */
  get pid(): number | undefined {
    return this.worker?.child.pid;
  }

  async encode(data: Buffer, settings: EncodeSettings): Promise<EncodedVariant[]> {
    clearTimeout(this.idle);
    const worker = Date.now() < this.inProcessUntil ? null : (this.worker ?? this.start());
    if (!worker || !(await worker.ready) || !worker.child.connected) return encodeWith(sharp, data, settings);
    const id = this.nextId++;
    // Killing it rejects everything sent to it (the exit handler), this encode included.
    const deadline = setTimeout(() => worker.child.kill("SIGKILL"), ENCODE_DEADLINE_MS).unref();
    try {
      return await new Promise<EncodedVariant[]>((resolve, reject) => {
        worker.pending.set(id, { resolve, reject });
        try {
          worker.child.send({ id, data, settings }, (error) => {
            if (error) settle(worker, id, { error: error.message });
          });
        } catch (error) {
          settle(worker, id, { error: (error as Error).message });
        }
      });
    } finally {
      clearTimeout(deadline);
      this.stopWhenIdle(worker);
    }
  }

  /** Lets the child go (it exits once its channel closes); the next encode starts another. */
  stop(): void {
    const worker = this.worker;
    this.worker = null;
    if (worker?.child.connected) worker.child.disconnect();
  }

  /** Once nothing is sent to `worker` for a while, lets it go; re-armed (never stacked) by each answer. */
  private stopWhenIdle(worker: Worker): void {
    if (this.worker !== worker || worker.pending.size > 0) return;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      if (this.worker === worker && worker.pending.size === 0) this.stop();
    }, this.options.idleMs ?? IDLE_MS).unref();
  }

  /** A child that never came up: in-process for a while, then another is tried. */
  private notUp(why: string): void {
    this.inProcessUntil = Date.now() + RETRY_CHILD_AFTER_MS;
    console.warn(`[outputs] the sized-copy encoder ${why}; encoding in the server's process instead`);
  }

  private start(): Worker | null {
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, ["-e", this.options.source ?? ENCODER_CHILD_SOURCE], {
        stdio: ["ignore", "inherit", "inherit", "ipc"],
        serialization: "advanced",
        // Its own session: on Linux with autogroup scheduling, a session's processes share one
        // group that competes with others as a whole, whatever their nice; this one's group is
        // given the lowest weight below. It still exits with the server (its IPC channel closes).
        detached: true,
      });
    } catch (error) {
      // Some spawn failures throw rather than emit "error".
      this.notUp(`could not start: ${(error as Error).message}`);
      return null;
    }
    const pending = new Map<number, Pending>();
    let started = false;
    const notReady = setTimeout(() => child.kill("SIGKILL"), READY_DEADLINE_MS).unref();
    const ready = new Promise<boolean>((resolve) => {
      child.once("spawn", () => lowestPriority(child.pid));
      child.on("message", (answer: Answer) => {
        if (answer.ready) {
          started = true;
          clearTimeout(notReady);
          resolve(true);
        } else if (answer.id !== undefined) settle(worker, answer.id, answer);
      });
      let ended = false;
      const gone = (why: string) => {
        if (ended) return;
        ended = true;
        clearTimeout(notReady);
        if (this.worker === worker) this.worker = null;
        // It ran (and stopped idle, or died): the next encode starts another.
        if (!started) this.notUp(why);
        resolve(false);
        for (const id of [...pending.keys()]) settle(worker, id, { error: `the encoder ${why}` });
      };
      child.on("error", (error) => gone(`could not start: ${error.message}`));
      child.once("exit", (code, signal) => gone(`exited (${signal ?? code})`));
    });
    const worker: Worker = { child, ready, pending };
    this.worker = worker;
    child.unref();
    child.channel?.unref();
    return worker;
  }
}

function settle(worker: Worker, id: number, answer: Answer): void {
  const p = worker.pending.get(id);
  if (!p) return;
  worker.pending.delete(id);
  // Advanced serialization brings Buffers back as Buffers.
  if (answer.out) p.resolve(answer.out);
  else p.reject(new Error(answer.error ?? "no answer"));
}

/** The server's one encoder. */
export const variantEncoder = new VariantEncoder();
