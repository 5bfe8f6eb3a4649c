import type { ActiveFault } from "./faults";

/** What happens to the create request before anything runs (no prediction, unless a reset says otherwise). */
export type CreateFault =
  | { kind: "create-429"; retryAfter: number }
  | { kind: "create-500" }
  | { kind: "create-reset"; created: boolean };

/** How the answer of a create is lost once the prediction started (see lost-answer.ts). */
export type LostAnswer =
  | { kind: "hold"; seconds: number | null; end: "answer" | "reset" }
  | { kind: "reset" }
  | { kind: "malformed"; body: "truncated" | "html" | "empty" };

/** A fault of the file host, for one output (`output`) or all of them (null). */
export type FileFault =
  | { kind: "not-found"; output: number | null; times: number | null }
  | { kind: "reset"; output: number | null; times: number | null; after: number }
  | { kind: "slow"; output: number | null; seconds: number };

/** Faults that stick to a prediction after it is created. */
export type PredictionFaults = {
  coldStartSeconds: number;
  slowRunSeconds: number;
  failure: string | null;
  nsfw: boolean;
  aborted: boolean;
  dropWebhooks: boolean;
  webhookCopies: number;
  webhookDelaySeconds: number;
  outOfOrder: boolean;
  /** How many cancel calls answer 503 before one works. */
  cancelFailures: number;
  files: FileFault[];
};

const outputOf = (options: Record<string, unknown>) => (options.output === undefined ? null : Number(options.output));
const timesOf = (options: Record<string, unknown>) => (options.times === undefined ? null : Number(options.times));

export function createFaultOf(active: ActiveFault[]): CreateFault | null {
  for (const { fault, options } of active) {
    if (fault === "create-429") return { kind: fault, retryAfter: Number(options.retry_after) };
    if (fault === "create-500") return { kind: fault };
    if (fault === "create-reset") return { kind: fault, created: options.created === true };
  }
  return null;
}

export function lostAnswerOf(active: ActiveFault[]): LostAnswer | null {
  for (const { fault, options } of active) {
    if (fault === "create-hold") {
      const seconds = options.seconds === undefined ? null : Number(options.seconds);
      return { kind: "hold", seconds, end: options.end === "reset" ? "reset" : "answer" };
    }
    if (fault === "create-reset-late") return { kind: "reset" };
    if (fault === "create-malformed") return { kind: "malformed", body: options.body as "truncated" | "html" | "empty" };
  }
  return null;
}

function fileFaultOf({ fault, options }: ActiveFault): FileFault | null {
  const output = outputOf(options);
  if (fault === "file-404") return { kind: "not-found", output, times: timesOf(options) };
  if (fault === "file-reset") return { kind: "reset", output, times: timesOf(options), after: Number(options.after) };
  if (fault === "slow-file") return { kind: "slow", output, seconds: Number(options.seconds) };
  return null;
}

export function predictionFaultsOf(active: ActiveFault[]): PredictionFaults {
  const faults: PredictionFaults = {
    coldStartSeconds: 0,
    slowRunSeconds: 0,
    failure: null,
    nsfw: false,
    aborted: false,
    dropWebhooks: false,
    webhookCopies: 1,
    webhookDelaySeconds: 0,
    outOfOrder: false,
    cancelFailures: 0,
    files: [],
  };
  for (const entry of active) {
    const { fault, options } = entry;
    const value = Number(options.seconds ?? options.times ?? 0);
    if (fault === "cold-start") faults.coldStartSeconds += value;
    else if (fault === "slow-run") faults.slowRunSeconds += value;
    else if (fault === "fail") faults.failure = String(options.error);
    else if (fault === "nsfw") faults.nsfw = true;
    else if (fault === "aborted") faults.aborted = true;
    else if (fault === "drop-webhooks") faults.dropWebhooks = true;
    else if (fault === "duplicate-webhooks") faults.webhookCopies = Math.max(faults.webhookCopies, value);
    else if (fault === "delay-webhooks") faults.webhookDelaySeconds += value;
    else if (fault === "out-of-order") faults.outOfOrder = true;
    else if (fault === "cancel-503") faults.cancelFailures += value;
    else {
      const file = fileFaultOf(entry);
      if (file) faults.files.push(file);
    }
  }
  return faults;
}
