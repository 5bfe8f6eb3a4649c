import "server-only";
import type { ModelTiming } from "@/shared/model-timing";
import { getDb } from "../db";
import { recentModelTimings } from "../db/timing-queries";
import { models } from "../replicate/models";

// How long each offered model usually takes here, from the last day's successes: the estimate a
// running card shows and the moment it says "cold boot". Read at most once a minute per process
// (the history moves slowly), and never an error: without a database the cards show no estimate.

const HISTORY_MS = 24 * 60 * 60 * 1000;
const CACHE_MS = 60_000;
/** A median of fewer runs says little. */
const MIN_SAMPLES = 3;

let cache: { at: number; timings: ModelTiming[] } | undefined;

export async function modelTimings(): Promise<ModelTiming[]> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.timings;
  let rows: Awaited<ReturnType<typeof recentModelTimings>> = [];
  try {
    rows = await recentModelTimings(await getDb(), new Date(Date.now() - HISTORY_MS));
  } catch {
    return cache?.timings ?? models.map((m) => ({ model: m.key, typicalSeconds: null, typicalStartSeconds: null, samples: 0 }));
  }
  const timings = models.map((m): ModelTiming => {
    const row = rows.find((r) => r.modelKey === m.key);
    const known = row !== undefined && row.samples >= MIN_SAMPLES;
    return {
      model: m.key,
      typicalSeconds: known ? row.totalSeconds : null,
      typicalStartSeconds: known ? row.startSeconds : null,
      samples: row?.samples ?? 0,
    };
  });
  cache = { at: Date.now(), timings };
  return timings;
}
