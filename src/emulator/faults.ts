import { z } from "zod";
import { FAULT_NAMES, type FaultName, isFaultName, MAIN_OPTION, PER_OUTPUT, parseOptions } from "./fault-catalogue";
import { newFaultId } from "./ids";

// Faults are chosen at create time, from rules posted to /_emulator/faults (matched as a substring
// of input.prompt) and from markers in the prompt itself, and then stick to the prediction for
// its whole life. Marker grammar: `[name]`, `[name:value]`, `[name@N]`, `[name:value@N]`.

export { FAULT_NAMES, type FaultName } from "./fault-catalogue";

export type ActiveFault = { fault: FaultName; options: Record<string, unknown> };
export type FaultRule = ActiveFault & {
  id: string;
  match: string;
  limit: number | null;
  used: number;
};

const RULE_BODY = z.looseObject({
  match: z.string().default(""),
  fault: z.string(),
  limit: z.number().int().min(1).optional(),
});

const MARKER = /\[([a-z0-9-]+)(?::([^\]]*?))?(?:@(\d+))?\]/gi;

/** Reads the markers out of a prompt; unknown names and unparsable values are just prompt text. */
export function parsePromptMarkers(prompt: string): ActiveFault[] {
  const found: ActiveFault[] = [];
  for (const [, name = "", rawValue, at] of prompt.matchAll(MARKER)) {
    const fault = name.toLowerCase();
    if (!isFaultName(fault)) continue;
    const raw: Record<string, unknown> = {};
    // `@N` is an output index only where the fault has outputs; elsewhere it is part of the value.
    const value = at !== undefined && !PER_OUTPUT.has(fault) ? `${rawValue ?? ""}@${at}` : rawValue;
    const key = MAIN_OPTION[fault];
    if (value !== undefined && key) raw[key] = value;
    if (at !== undefined && PER_OUTPUT.has(fault)) raw.output = at;
    const parsed = parseOptions(fault, raw);
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
