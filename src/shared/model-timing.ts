// How long a model usually takes on this deployment, from its recent successes: what a running
// card shows as its estimate, and when it starts saying "cold boot". Pure, both sides.

export type ModelTiming = {
  /** Catalogue key. */
  model: string;
  /** Median request → completion of recent successes, seconds; null without enough of them. */
  typicalSeconds: number | null;
  /** Median request → the model started running (queue and boot), seconds; null when unknown. */
  typicalStartSeconds: number | null;
  /** How many recent successes the medians come from. */
  samples: number;
};

/** `GET /api/models/timings`. */
export type ModelTimingsView = { timings: ModelTiming[] };

/** Without history a start is "usual" for this long (most warm models start within seconds). */
export const DEFAULT_START_SECONDS = 10;

/**
 * After how many seconds a generation still waiting to start is probably booting a cold model:
 * once its model's usual start time has clearly passed (half as long again, plus 2 s of slack
 * so a normal start never flickers into "cold boot"), and never before 5 s (a slow warm start is
 * not a cold boot, which takes tens of seconds).
 */
export function coldBootAfterSeconds(timing: ModelTiming | undefined): number {
  const usual = timing?.typicalStartSeconds ?? DEFAULT_START_SECONDS;
  return Math.max(5, usual * 1.5 + 2);
}

/** "usually ~6 s", "usually ~1 min 20 s"; null when the model has no history yet. */
export function estimateText(timing: ModelTiming | undefined): string | null {
  if (!timing?.typicalSeconds) return null;
  const s = Math.max(1, Math.round(timing.typicalSeconds));
  if (s < 60) return `usually ~${s} s`;
  const rest = s % 60;
  return `usually ~${Math.floor(s / 60)} min${rest ? ` ${rest} s` : ""}`;
}
