import "server-only";
import { getDb } from "../db";
import { renewOutputsClaims } from "../db/output-claim-queries";
import { runAfterResponse } from "../runtime/after-response";
import { makeOutputVariants, VARIANTS_LEASE_SECONDS } from "./output-variants";
import type { StoredSource } from "./persist-outputs";

// The sized copies of each saved generation wait their turn (after-response tasks run one at a
// time), holding their originals in memory and their outputs claim in the database. A burst of
// finished generations (1,300 at once in a bench run) made both go wrong: the queue outlasted
// the claims' lease, so the last copies were made and then thrown away (72 of them), and every
// original waited in memory however many there were. So here:
// - at most MAX_WAITING_BYTES of originals wait in one process; a generation beyond that gets
//   no copies (its commit releases the claim, its cards show the original), not the server
//   running out of memory;
// - the waiting claims are renewed every RENEW_EVERY_MS in one statement (and each job renews
//   its own before each output: output-variants.ts), so the sweeper never takes over copies that
//   are only queued. A process that dies stops renewing: its claims run out and are swept as before.

const MAX_WAITING_BYTES = 256 * 1024 * 1024;
const RENEW_EVERY_MS = 30_000;

/** Room held for one generation's originals until its copies are made (start) or given up (cancel). */
export type CopiesRoom = { start: (token: string, sources: StoredSource[]) => void; cancel: () => void };

export class VariantQueue {
  private bytes = 0;
  /** Claims whose copies are queued and not started, by token. */
  private readonly waiting = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private renewing = false;

  /** `maxBytes` and `renewEveryMs` are for tests (a queue that fills up, a heartbeat to watch). */
  constructor(private readonly options: { maxBytes?: number; renewEveryMs?: number } = {}) {}

  /** Bytes of originals held for queued or running copies. */
  get heldBytes(): number {
    return this.bytes;
  }

  /** Bytes still free for more originals. */
  get freeBytes(): number {
    return Math.max(0, (this.options.maxBytes ?? MAX_WAITING_BYTES) - this.bytes);
  }

  /** Holds `bytes` for a generation's originals; null (with a warning) when they do not fit. */
  reserve(generationId: string, bytes: number): CopiesRoom | null {
    if (bytes > this.freeBytes) {
      const mb = Math.round(this.bytes / 1e6);
      console.warn(
        `[outputs] no sized copies of ${generationId}: ${mb} MB of images already wait for theirs; its cards show the original`,
      );
      return null;
    }
    this.bytes += bytes;
    let state: "held" | "started" | "freed" = "held";
    const free = () => {
      if (state === "freed") return;
      state = "freed";
      this.bytes -= bytes;
    };
    return {
      // After start, the bytes are freed when the copies are done.
      cancel: () => {
        if (state === "held") free();
      },
      start: (token, sources) => {
        if (state !== "held") return;
        state = "started";
        this.waiting.set(token, generationId);
        this.renewWhileWaiting();
        runAfterResponse("sized copies", async () => {
          this.waiting.delete(token);
          try {
            await makeOutputVariants(generationId, token, sources);
          } finally {
            free();
          }
        });
      },
    };
  }

  /**
   * Extends the lease of every claim still waiting (the timer's work); answers how many were.
   * One that was not (its generation deleted, or its lease ran out: the sweeper's) is dropped
   * from the renewals; its job gives up when it starts (output-variants.ts).
   */
  async renewWaiting(): Promise<number> {
    const claims = [...this.waiting].map(([token, id]) => ({ id, token }));
    if (claims.length === 0) return 0;
    const renewed = new Set(await renewOutputsClaims(await getDb(), claims, VARIANTS_LEASE_SECONDS));
    for (const { id, token } of claims) if (!renewed.has(id)) this.waiting.delete(token);
    return renewed.size;
  }

  private renewWhileWaiting(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.waiting.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
        return;
      }
      // A renewal slower than the interval (a struggling database) is not sent again meanwhile.
      if (this.renewing) return;
      this.renewing = true;
      this.renewWaiting()
        .catch((error) => console.error("[outputs] could not renew the claims of queued sized copies", error))
        .finally(() => {
          this.renewing = false;
        });
    }, this.options.renewEveryMs ?? RENEW_EVERY_MS);
    this.timer.unref();
  }

  /** Whether the renewal timer runs (it stops once nothing waits). */
  get renewingWhileWaiting(): boolean {
    return this.timer !== undefined;
  }
}

/** The server's one queue of sized copies. */
export const variantQueue = new VariantQueue();
