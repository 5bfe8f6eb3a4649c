import { z } from "zod";
import { CUDA_OOM_MESSAGE } from "./model-catalogue";

// Every fault the emulator can inject, with its options. A prompt marker's `:value` sets the
// fault's main option (MAIN_OPTION), and `@N` sets `output` on the per-output file faults; a
// rule posted to /_emulator/faults names any option directly. README.md documents the table.

const seconds = (fallback: number, max = 3600) => z.coerce.number().min(0).max(max).default(fallback);
const flag = z.preprocess((v) => v === true || v === 1 || v === "1" || v === "true", z.boolean());
/** The output index a file fault hits; absent means every output of the prediction. */
const output = z.coerce.number().int().min(0).max(63).optional();
/** How many fetches the fault spoils before the file is served normally; absent means all of them. */
const times = z.coerce.number().int().min(1).max(10_000).optional();

export const OPTION_SCHEMAS = {
  "cold-start": z.object({ seconds: seconds(5) }),
  "slow-run": z.object({ seconds: seconds(60, 86_400) }),
  fail: z.object({ error: z.string().min(1).default(CUDA_OOM_MESSAGE) }),
  nsfw: z.object({}),
  aborted: z.object({}),
  "create-429": z.object({ retry_after: z.coerce.number().int().min(0).default(10) }),
  "create-500": z.object({}),
  // Whether the prediction was created before the connection dropped (default: it was not).
  "create-reset": z.object({ created: flag.default(false) }),
  // The next three create the prediction and lose the answer only once it started and its
  // `start` webhook was attempted: the product has recorded a prediction id it was never told.
  "create-hold": z.object({
    seconds: z.coerce.number().min(0).max(86_400).optional(),
    end: z.enum(["answer", "reset"]).default("answer"),
  }),
  "create-reset-late": z.object({}),
  "create-malformed": z.object({ body: z.enum(["truncated", "html", "empty"]).default("truncated") }),
  "cancel-503": z.object({ times: z.coerce.number().int().min(1).max(10_000).default(1) }),
  "drop-webhooks": z.object({}),
  "duplicate-webhooks": z.object({ times: z.coerce.number().int().min(1).max(20).default(3) }),
  "delay-webhooks": z.object({ seconds: seconds(5) }),
  "out-of-order": z.object({}),
  "slow-file": z.object({ seconds: seconds(3), output }),
  "file-404": z.object({ output, times }),
  "file-reset": z.object({ output, times, after: z.coerce.number().min(0).max(1).default(0.5) }),
} as const;

export type FaultName = keyof typeof OPTION_SCHEMAS;
export const FAULT_NAMES = Object.keys(OPTION_SCHEMAS) as FaultName[];

/** The option a marker's `:value` sets, e.g. `[cold-start:5]` → `{ seconds: 5 }`. */
export const MAIN_OPTION: Partial<Record<FaultName, string>> = {
  "cold-start": "seconds",
  "slow-run": "seconds",
  fail: "error",
  "create-429": "retry_after",
  "create-reset": "created",
  "create-hold": "seconds",
  "create-malformed": "body",
  "cancel-503": "times",
  "duplicate-webhooks": "times",
  "delay-webhooks": "seconds",
  "slow-file": "seconds",
  "file-404": "output",
  "file-reset": "output",
};

/** Faults that accept `@N` (an output index) in a marker. */
export const PER_OUTPUT: ReadonlySet<FaultName> = new Set(["slow-file", "file-404", "file-reset"]);

export const isFaultName = (name: string): name is FaultName => Object.hasOwn(OPTION_SCHEMAS, name);

export function parseOptions(fault: FaultName, raw: Record<string, unknown>) {
  const parsed = OPTION_SCHEMAS[fault].safeParse(raw);
  if (parsed.success) return { ok: true as const, options: parsed.data as Record<string, unknown> };
  const error = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  return { ok: false as const, error };
}
