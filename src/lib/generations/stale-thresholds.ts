import "server-only";
import { env } from "../env";
import { models } from "../replicate/models";
import { modelTimings } from "./model-timings";

// When a running generation has been silent long enough to ask Replicate about it: about three
// times its model's typical run, measured on this deployment's recent successes, never sooner
// than RECONCILE_AFTER_SECONDS (the floor) and never later than ten minutes. A lost webhook for
// a 2-second model is then noticed after the floor (20 s by default), not after minutes.

const FACTOR = 3;
const CEILING_SECONDS = 600;

export type StaleThreshold = { modelKey: string; seconds: number };

/** The threshold of one model, from its typical run (or none known). */
export function thresholdFor(typicalSeconds: number | undefined, floorSeconds: number): number {
  const scaled = typicalSeconds === undefined ? 0 : Math.ceil(FACTOR * typicalSeconds);
  return Math.max(floorSeconds, Math.min(CEILING_SECONDS, scaled));
}

/** Every catalogue model's threshold now; models outside the catalogue get the floor. */
export async function staleThresholds(): Promise<{ thresholds: StaleThreshold[]; defaultSeconds: number }> {
  const floor = env().RECONCILE_AFTER_SECONDS;
  // The medians the cards show (model-timings.ts: the last day's successes, read at most once a
  // minute); a model with too few runs to say has none, and gets the floor.
  const typical = new Map((await modelTimings()).map((t) => [t.model, t.typicalSeconds ?? undefined]));
  return {
    thresholds: models.map((m) => ({ modelKey: m.key, seconds: thresholdFor(typical.get(m.key), floor) })),
    defaultSeconds: floor,
  };
}
