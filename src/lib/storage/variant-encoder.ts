import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { setPriority } from "node:os";
import sharp from "sharp";

// Encoding an image's sized WebP copies costs 50–120 ms of CPU (a 1024 px image, three widths),
// more than the rest of its webhook. Done in the server's own process, a burst of finished
// generations took a core from every request meanwhile (a fresh webhook ran at 0.43× the rate of
// a stale one with it, 0.69× without). So it runs in a child process at the lowest CPU priority
// (nice 19): requests go first, and the copies are made from the CPU they leave idle. If the
// child cannot start, the copies are encoded in-process as before; if it dies mid-encode, that
// image gets no copies (its cards show the original) and the next encode starts a new child.

export type EncodedVariant = { data: Buffer; width: number; height: number };
export type EncodeSettings = { widths: number[]; quality: number; effort: number };

/**
 * The encode itself: run here when no child can, and sent to the child as source text, so it may
 * use nothing but its arguments.
 */
async function encodeWith(lib: typeof sharp, data: Buffer, s: EncodeSettings): Promise<EncodedVariant[]> {
  const out: EncodedVariant[] = [];
  for (const width of s.widths) {
    const r = await lib(data)
      .resize({ width })
      .webp({ quality: s.quality, effort: s.effort })
      .toBuffer({ resolveWithObject: true });
    out.push({ data: r.data, width: r.info.width, height: r.info.height });
  }
  return out;
}

/** The child's program: loads sharp from the server's node_modules (its working directory), then encodes on request. */
const CHILD_SOURCE = `
const sharp = require("sharp");
const encode = ${encodeWith.toString()};
process.on("message", ({ id, data, settings }) => {
  encode(sharp, Buffer.from(data.buffer, data.byteOffset, data.byteLength), settings)
    .then((out) => process.send({ id, out }), (e) => process.send({ id, error: String((e && e.message) || e) }));
});
process.on("disconnect", () => process.exit(0));
process.send({ ready: true });
`;

/** With nothing to encode this long, the child exits (it holds ~60 MB); the next encode starts another. */
const IDLE_MS = 60_000;
const LOWEST_PRIORITY = 19;

type Pending = { resolve: (v: EncodedVariant[]) => void; reject: (e: Error) => void };
type Answer = { ready?: true; id?: number; out?: EncodedVariant[]; error?: string };
/** One child: its process, whether it came up, and the encodes sent to it. */
type Worker = { child: ChildProcess; ready: Promise<boolean>; pending: Map<number, Pending> };

/** Nice 19, for the process and (Linux) its autogroup. Best effort: where refused, normal priority. */
function lowestPriority(pid: number | undefined): void {
  if (!pid) return;
  try {
    setPriority(pid, LOWEST_PRIORITY);
  } catch {
    // refused: normal priority
  }
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(LOWEST_PRIORITY));
  } catch {
    // not Linux, or no autogroup scheduling
  }
}

export class VariantEncoder {
  private worker: Worker | null = null;
  /** Set once a child never came up: every encode is then made in-process. */
  private unavailable = false;
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
    const worker = this.unavailable ? null : (this.worker ?? this.start());
    if (!worker || !(await worker.ready) || !worker.child.connected) return encodeWith(sharp, data, settings);
    const id = this.nextId++;
    try {
      return await new Promise<EncodedVariant[]>((resolve, reject) => {
        worker.pending.set(id, { resolve, reject });
        worker.child.send({ id, data, settings }, (error) => {
          if (error) settle(worker, id, { error: error.message });
        });
      });
    } finally {
      if (this.worker === worker && worker.pending.size === 0) {
        this.idle = setTimeout(() => this.stop(), this.options.idleMs ?? IDLE_MS).unref();
      }
    }
  }

  /** Lets the child go (it exits once its channel closes); the next encode starts another. */
  stop(): void {
    const worker = this.worker;
    this.worker = null;
    if (worker?.child.connected) worker.child.disconnect();
  }

  private start(): Worker {
    const child = spawn(process.execPath, ["-e", this.options.source ?? CHILD_SOURCE], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
      // Its own session: on Linux with autogroup scheduling, a session's processes share one
      // group that competes with others as a whole, whatever their nice; this one's group is
      // given the lowest weight below. It still exits with the server (its IPC channel closes).
      detached: true,
    });
    const pending = new Map<number, Pending>();
    let started = false;
    const ready = new Promise<boolean>((resolve) => {
      child.once("spawn", () => lowestPriority(child.pid));
      child.on("message", (answer: Answer) => {
        if (answer.ready) {
          started = true;
          resolve(true);
        } else if (answer.id !== undefined) settle(worker, answer.id, answer);
      });
      let ended = false;
      const gone = (why: string) => {
        if (ended) return;
        ended = true;
        if (this.worker === worker) this.worker = null;
        // It ran (and stopped idle, or died): the next encode starts another. It never came up
        // (no sharp where it looks, no way to spawn): in-process from now on.
        if (!started) {
          this.unavailable = true;
          console.warn(`[outputs] the sized-copy encoder ${why}; encoding in the server's process instead`);
        }
        resolve(false);
        for (const id of [...pending.keys()]) settle(worker, id, { error: `the encoder ${why}` });
      };
      child.once("error", (error) => gone(`could not start: ${error.message}`));
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
  if (answer.out)
    p.resolve(answer.out.map((v) => ({ ...v, data: Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength) })));
  else p.reject(new Error(answer.error ?? "no answer"));
}

/** The server's one encoder. */
export const variantEncoder = new VariantEncoder();
