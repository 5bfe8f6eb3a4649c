import type { ActiveFault } from "./faults";

/** What happens to the create request itself (no prediction, unless a reset says otherwise). */
export type CreateFault =
  | { kind: "create-429"; retryAfter: number }
  | { kind: "create-500" }
  | { kind: "create-reset"; created: boolean };

/** Faults that stick to a prediction after it is created. */
export type PredictionFaults = {
  coldStartSeconds: number;
  failure: string | null;
  nsfw: boolean;
  aborted: boolean;
  dropWebhooks: boolean;
  webhookCopies: number;
  webhookDelaySeconds: number;
  outOfOrder: boolean;
  slowFileSeconds: number;
  file404: boolean;
};

export function createFaultOf(active: ActiveFault[]): CreateFault | null {
  for (const { fault, options } of active) {
    if (fault === "create-429") return { kind: fault, retryAfter: Number(options.retry_after) };
    if (fault === "create-500") return { kind: fault };
    if (fault === "create-reset") return { kind: fault, created: options.created === true };
  }
  return null;
}

export function predictionFaultsOf(active: ActiveFault[]): PredictionFaults {
  const faults: PredictionFaults = {
    coldStartSeconds: 0,
    failure: null,
    nsfw: false,
    aborted: false,
    dropWebhooks: false,
    webhookCopies: 1,
    webhookDelaySeconds: 0,
    outOfOrder: false,
    slowFileSeconds: 0,
    file404: false,
  };
  for (const { fault, options } of active) {
    const value = Number(options.seconds ?? options.times ?? 0);
    if (fault === "cold-start") faults.coldStartSeconds += value;
    else if (fault === "fail") faults.failure = String(options.error);
    else if (fault === "nsfw") faults.nsfw = true;
    else if (fault === "aborted") faults.aborted = true;
    else if (fault === "drop-webhooks") faults.dropWebhooks = true;
    else if (fault === "duplicate-webhooks") faults.webhookCopies = Math.max(faults.webhookCopies, value);
    else if (fault === "delay-webhooks") faults.webhookDelaySeconds += value;
    else if (fault === "out-of-order") faults.outOfOrder = true;
    else if (fault === "slow-file") faults.slowFileSeconds = Math.max(faults.slowFileSeconds, value);
    else if (fault === "file-404") faults.file404 = true;
  }
  return faults;
}
