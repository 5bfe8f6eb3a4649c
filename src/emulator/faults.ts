import { z } from "zod";
import { newFaultId } from "./ids";
import { CUDA_OOM_MESSAGE } from "./model-catalogue";

// Faults are chosen at create time, from rules posted to /_emulator/faults (matched as a substring
// of input.prompt) and from markers in the prompt itself (`[name]` or `[name:value]`), and then
// stick to the prediction for its whole life.

const seconds = (fallback: number) => z.coerce.number().min(0).max(3600).default(fallback);
const flag = z.preprocess((v) => v === true || v === 1 || v === "1" || v === "true", z.boolean());

const OPTION_SCHEMAS = {
  "cold-start": z.object({ seconds: seconds(5) }),
  fail: z.object({ error: z.string().min(1).default(CUDA_OOM_MESSAGE) }),
  nsfw: z.object({}),
  aborted: z.object({}),
  "create-429": z.object({ retry_after: z.coerce.number().int().min(0).default(10) }),
  "create-500": z.object({}),
  // Whether the prediction was created before the connection dropped (default: it was not).
  "create-reset": z.object({ created: flag.default(false) }),
  "drop-webhooks": z.object({}),
  "duplicate-webhooks": z.object({ times: z.coerce.number().int().min(1).max(20).default(3) }),
  "delay-webhooks": z.object({ seconds: seconds(5) }),
  "out-of-order": z.object({}),
  "slow-file": z.object({ seconds: seconds(3) }),
  "file-404": z.object({}),
} as const;

export type FaultName = keyof typeof OPTION_SCHEMAS;
export const FAULT_NAMES = Object.keys(OPTION_SCHEMAS) as FaultName[];

/** The option a marker's `:value` sets, e.g. `[cold-start:5]` → `{ seconds: 5 }`. */
const MAIN_OPTION: Partial<Record<FaultName, string>> = {
  "cold-start": "seconds",
  fail: "error",
  "create-429": "retry_after",
  "create-reset": "created",
  "duplicate-webhooks": "times",
  "delay-webhooks": "seconds",
  "slow-file": "seconds",
};

export type ActiveFault = { fault: FaultName; options: Record<string, unknown> };
export type FaultRule = ActiveFault & {
  id: string;
  match: string;
  limit: number | null;
  used: number;
};

const isFaultName = (name: string): name is FaultName => Object.hasOwn(OPTION_SCHEMAS, name);

function parseOptions(fault: FaultName, raw: Record<string, unknown>) {
  const parsed = OPTION_SCHEMAS[fault].safeParse(raw);
  if (parsed.success) return { ok: true as const, options: parsed.data as Record<string, unknown> };
  const error = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  return { ok: false as const, error };
}

const RULE_BODY = z.looseObject({
  match: z.string().default(""),
  fault: z.string(),
  limit: z.number().int().min(1).optional(),
});

/** Reads the markers out of a prompt; unknown names and unparsable values are just prompt text. */
export function parsePromptMarkers(prompt: string): ActiveFault[] {
  const found: ActiveFault[] = [];
  for (const [, name = "", value] of prompt.matchAll(/\[([a-z0-9-]+)(?::([^\]]*))?\]/gi)) {
    const fault = name.toLowerCase();
    if (!isFaultName(fault)) continue;
    const key = MAIN_OPTION[fault];
    const parsed = parseOptions(fault, value !== undefined && key ? { [key]: value } : {});
    if (parsed.ok) found.push({ fault, options: parsed.options });
  }
  return found;
}

export class FaultRegistry {
  private rules: FaultRule[] = [];

  /** Adds a rule from a control-endpoint body; returns it, or a message saying what is wrong. */
  add(body: unknown): FaultRule | { error: string } {
    const parsed = RULE_BODY.safeParse(body);
    if (!parsed.success) return { error: "body must be {match?: string, fault: string, ...options}" };
    const { match, fault, limit, ...rawOptions } = parsed.data;
    if (!isFaultName(fault)) {
      return { error: `unknown fault "${fault}"; known: ${FAULT_NAMES.join(", ")}` };
    }
    const parsedOptions = parseOptions(fault, rawOptions);
    if (!parsedOptions.ok) return { error: parsedOptions.error };
    const { options } = parsedOptions;
    const rule = { id: newFaultId(), match, fault, options, limit: limit ?? null, used: 0 };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules;
  }

  clear(): void {
    this.rules = [];
  }

  /** The faults for one create call; a rule with a `limit` is used up after that many creates. */
  resolve(prompt: string): ActiveFault[] {
    const active: ActiveFault[] = [];
    for (const rule of this.rules) {
      const matches = rule.match === "" || rule.match === "*" || prompt.includes(rule.match);
      if (!matches || (rule.limit !== null && rule.used >= rule.limit)) continue;
      rule.used += 1;
      active.push({ fault: rule.fault, options: rule.options });
    }
    return [...active, ...parsePromptMarkers(prompt)];
  }
}
