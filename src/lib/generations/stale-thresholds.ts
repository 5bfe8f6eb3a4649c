import "server-only";
import { getDb } from "../db";
import { recentTypicalSeconds } from "../db/reconcile-queries";
import { env } from "../env";
import { models } from "../replicate/models";

// When a running generation has been silent long enough to ask Replicate about it: about three
// times its model's typical run, measured on this deployment's recent successes, never sooner
// than RECONCILE_AFTER_SECONDS (the floor) and never later than ten minutes. A lost webhook for
// a 2-second model is then noticed after the floor (20 s by default), not after minutes.

const FACTOR = 3;
const CEILING_SECONDS = 600;
/** A median of fewer runs says little: until then the floor applies. */
const MIN_SAMPLES = 3;
const HISTORY_MS = 24 * 60 * 60 * 1000;
/** The history moves slowly; read it at most once a minute per process. */
const CACHE_MS = 60_000;

export type StaleThreshold = { modelKey: string; seconds: number };

/** The threshold of one model, from its typical run (or none known). */
export function thresholdFor(typicalSeconds: number | undefined, floorSeconds: number): number {
  const scaled = typicalSeconds === undefined ? 0 : Math.ceil(FACTOR * typicalSeconds);
  return Math.max(floorSeconds, Math.min(CEILING_SECONDS, scaled));
}

let cache: { at: number; typical: Map<string, number> } | undefined;

async function typicalByModel(): Promise<Map<string, number>> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.typical;
  const rows = await recentTypicalSeconds(await getDb(), new Date(Date.now() - HISTORY_MS));
  const typical = new Map(rows.filter((r) => r.samples >= MIN_SAMPLES).map((r) => [r.modelKey, r.seconds]));
  cache = { at: Date.now(), typical };
  return typical;
}

/** Every catalogue model's threshold now; models outside the catalogue get the floor. */
export async function staleThresholds(): Promise<{ thresholds: StaleThreshold[]; defaultSeconds: number }> {
  const floor = env().RECONCILE_AFTER_SECONDS;
  const typical = await typicalByModel();
  return {
    thresholds: models.map((m) => ({ modelKey: m.key, seconds: thresholdFor(typical.get(m.key), floor) })),
    defaultSeconds: floor,
  };
}
