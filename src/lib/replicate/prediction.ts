import { parseProgressFromLogs } from "replicate";
import { z } from "zod";
import type { GenerationStatus } from "@/shared/generation-status";
import { storableText } from "@/shared/storable-text";

// Replicate's prediction object as it reaches us (webhook body or GET), parsed leniently:
// unknown keys pass, timestamps vary in precision, output is a URL or a list of URLs.

const timestamp = z
  .string()
  .nullish()
  .transform((v) => {
    if (!v) return null;
    const d = new Date(v.replace(/(\.\d{3})\d+/, "$1"));
    return Number.isNaN(d.getTime()) ? null : d;
  });

export const predictionSchema = z.looseObject({
  id: z.string().min(1).max(200),
  /** `owner/name`. */
  model: z.string().nullish(),
  version: z.string().nullish(),
  /** The input as sent to the create (emptied once Replicate removes the data after an hour). */
  input: z.record(z.string(), z.unknown()).nullish().catch(null),
  status: z.string().min(1).max(40),
  output: z.unknown().optional(),
  error: z.unknown().optional(),
  logs: z.string().nullish(),
  /** True once Replicate has deleted the prediction's input, output and logs (after an hour). */
  data_removed: z.boolean().nullish(),
  created_at: timestamp.optional(),
  started_at: timestamp.optional(),
  completed_at: timestamp.optional(),
  metrics: z.looseObject({ predict_time: z.number().nonnegative().optional() }).nullish(),
});

export type Prediction = z.infer<typeof predictionSchema>;

const statusMap: Record<string, GenerationStatus> = {
  starting: "starting",
  processing: "processing",
  succeeded: "succeeded",
  failed: "failed",
  canceled: "canceled",
  // Newer terminal status; treated as a failure (the SDK's own wait() loops forever on it).
  aborted: "failed",
};

/** Replicate's statuses of a prediction that may still run (and bill). */
export function isRunning(status: string): boolean {
  return status === "starting" || status === "processing";
}

/** Our status for Replicate's, or null for a status we do not know (answered 2xx, ignored). */
export function mapStatus(status: string): GenerationStatus | null {
  return statusMap[status] ?? null;
}

/** Image models return a list of URLs or a single URL; normalise to a list at the boundary. */
export function outputUrls(output: unknown): string[] {
  if (typeof output === "string") return [output];
  if (Array.isArray(output)) return output.filter((u): u is string => typeof u === "string");
  return [];
}

export function errorText(prediction: Prediction): string | null {
  const { error, status } = prediction;
  // storableText: Replicate's text may hold NUL or lone surrogates, which Postgres refuses.
  if (typeof error === "string" && error.trim()) return storableText(error.trim().slice(0, 2000));
  if (error && typeof error === "object") return storableText(JSON.stringify(error).slice(0, 2000));
  if (status === "aborted") return "The prediction was aborted by Replicate.";
  return status === "failed" ? "The model failed without an error message." : null;
}

/** Fraction done, from tqdm-style lines in the logs (0 when none). */
export function progressFromLogs(logs: string | null | undefined): number {
  if (!logs) return 0;
  const parsed = parseProgressFromLogs(logs);
  if (!parsed?.total) return 0;
  return Math.min(1, Math.max(0, parsed.current / parsed.total));
}

export const LOGS_TAIL_CHARS = 4000;

export function logsTail(logs: string | null | undefined): string | null {
  if (!logs) return null;
  return storableText(logs.length > LOGS_TAIL_CHARS ? logs.slice(-LOGS_TAIL_CHARS) : logs);
}
