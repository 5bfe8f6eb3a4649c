import { createHash, randomInt } from "node:crypto";

// The soak's fault draw: a pure function of (seed, n), so one seed replays the same faults.
// mulberry32 is a tiny, well-known 32-bit PRNG: plenty for picking faults, and no dependency.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** SOAK_SEED (a 32-bit unsigned integer), or a fresh random one. */
export function soakSeed(raw = process.env.SOAK_SEED): number {
  if (raw === undefined || raw === "") return randomInt(0, 2 ** 32);
  const seed = Number(raw);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new Error(`SOAK_SEED must be an integer from 0 to 4294967295, got "${raw}"`);
  }
  return seed;
}

/** One job of the soak: the prompt markers, fault rules to post first, and what the test does. */
export type Job = {
  index: number;
  kind: string;
  /** `soak#<index>.`: unique, and what a rule's `match` targets. */
  tag: string;
  prompt: string;
  outputs: 1 | 2;
  rules: Record<string, unknown>[];
  /** The owner cancels the generation right after creating it. */
  cancel: boolean;
  /** After creating it, every prediction is forgotten (DELETE /_emulator/predictions). */
  forget: boolean;
};

type Rand = () => number;
type Spec = {
  markers: string;
  outputs?: 1 | 2;
  rules?: (tag: string) => Record<string, unknown>[];
  cancel?: boolean;
  forget?: boolean;
};

const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
/** Outlives the soak (about 30 min at the test time scale): only a cancel ends it. */
const LONG_JOB = "[slow-run:36000]";
/** A lost answer leaves an orphan the product must cancel; sometimes that cancel fails first. */
const orphanCancelFaults = (rand: Rand) => pick(rand, ["", "", "[cancel-503:1]", "[cancel-503:2]"]);

/** Every fault kind the soak draws from, with its weight. */
export const KINDS: Record<string, { weight: number; spec: (rand: Rand) => Spec }> = {
  none: { weight: 6, spec: () => ({ markers: "" }) },
  fail: { weight: 1, spec: () => ({ markers: "[fail]" }) },
  nsfw: { weight: 1, spec: () => ({ markers: "[nsfw]" }) },
  aborted: { weight: 1, spec: () => ({ markers: "[aborted]" }) },
  "create-429": { weight: 1, spec: () => ({ markers: "[create-429:3]" }) },
  "create-500": { weight: 1, spec: () => ({ markers: "[create-500]" }) },
  "create-reset": { weight: 1, spec: () => ({ markers: "[create-reset]" }) },
  "create-reset-created": { weight: 1, spec: (r) => ({ markers: `[create-reset:1]${LONG_JOB}${orphanCancelFaults(r)}` }) },
  "create-hold": { weight: 1, spec: (r) => ({ markers: `[create-hold]${LONG_JOB}${orphanCancelFaults(r)}` }) },
  "create-reset-late": { weight: 1, spec: (r) => ({ markers: `[create-reset-late]${LONG_JOB}${orphanCancelFaults(r)}` }) },
  "create-malformed": {
    weight: 1,
    spec: (r) => ({
      markers: `[create-malformed:${pick(r, ["truncated", "html", "empty"])}]${LONG_JOB}${orphanCancelFaults(r)}`,
    }),
  },
  "drop-webhooks": { weight: 1, spec: () => ({ markers: "[drop-webhooks]" }) },
  // Slow files make the concurrent downloads of duplicate deliveries overlap visibly.
  "duplicate-webhooks": { weight: 1, spec: () => ({ markers: "[duplicate-webhooks:3][slow-file:2]" }) },
  "delay-webhooks": { weight: 1, spec: () => ({ markers: "[delay-webhooks:10]" }) },
  "out-of-order": { weight: 1, spec: () => ({ markers: "[out-of-order]" }) },
  "cold-start": { weight: 1, spec: () => ({ markers: "[cold-start:20]" }) },
  "slow-file": { weight: 1, spec: () => ({ markers: "[slow-file:4]" }) },
  "slow-file-one": { weight: 1, spec: (r) => ({ markers: `[slow-file:4@${pick(r, [0, 1])}]`, outputs: 2 }) },
  "file-404": { weight: 1, spec: () => ({ markers: "[file-404]" }) },
  "file-404-one": { weight: 1, spec: (r) => ({ markers: `[file-404:${pick(r, [0, 1])}]`, outputs: 2 }) },
  "file-reset-one": { weight: 1, spec: (r) => ({ markers: `[file-reset:${pick(r, [0, 1])}]`, outputs: 2 }) },
  "file-reset-transient": {
    weight: 1,
    spec: (r) => {
      const output = pick(r, [0, 1]);
      return { markers: "", outputs: 2, rules: (tag) => [{ match: tag, fault: "file-reset", output, times: 1, limit: 1 }] };
    },
  },
  cancel: { weight: 1, spec: () => ({ markers: "[cold-start:10]", cancel: true }) },
  "cancel-503": { weight: 1, spec: (r) => ({ markers: `[cold-start:10][cancel-503:${pick(r, [1, 2])}]`, cancel: true }) },
  forget: { weight: 0.5, spec: () => ({ markers: "[cold-start:10]", forget: true }) },
};

export const KIND_NAMES = Object.keys(KINDS);

function weighted(rand: Rand): string {
  const total = KIND_NAMES.reduce((sum, k) => sum + (KINDS[k]?.weight ?? 0), 0);
  let x = rand() * total;
  for (const name of KIND_NAMES) {
    x -= KINDS[name]?.weight ?? 0;
    if (x < 0) return name;
  }
  return "none";
}

/**
 * The jobs of one soak. When n is at least the number of kinds, every kind appears at least once
 * (at a drawn position); the rest are weighted draws.
 */
export function drawJobs(seed: number, n: number): Job[] {
  const rand = mulberry32(seed);
  const kinds = Array.from({ length: n }, () => weighted(rand));
  if (n >= KIND_NAMES.length) {
    const slots = Array.from({ length: n }, (_, i) => i);
    for (const name of KIND_NAMES) {
      const [slot] = slots.splice(Math.floor(rand() * slots.length), 1);
      if (slot !== undefined) kinds[slot] = name;
    }
  }
  return kinds.map((kind, index) => {
    const spec = KINDS[kind]?.spec(rand) ?? { markers: "" };
    const tag = `soak#${index}.`;
    const outputs = spec.outputs ?? (rand() < 0.5 ? 1 : 2);
    return {
      index,
      kind,
      tag,
      prompt: `${tag} a lighthouse at dusk ${spec.markers}`.trim(),
      outputs,
      rules: spec.rules?.(tag) ?? [],
      cancel: spec.cancel ?? false,
      forget: spec.forget ?? false,
    };
  });
}

/** A short fingerprint of a draw, printed with the seed so two runs can be compared at a glance. */
export function drawDigest(jobs: readonly Job[]): string {
  return createHash("sha256").update(JSON.stringify(jobs)).digest("hex").slice(0, 16);
}

export function histogram(jobs: readonly Job[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const job of jobs) counts[job.kind] = (counts[job.kind] ?? 0) + 1;
  return counts;
}
