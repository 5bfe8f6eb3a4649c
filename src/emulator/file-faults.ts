import type { FileFault } from "./prediction-faults";

// Resolves a prediction's file faults for one output when its files are planned. A spoiler's
// `left` counts the GETs it still spoils (null: all of them), so `times` makes a fault transient.

export type Spoiler = { left: number | null };

export type OutputFaults = {
  slowFileSeconds: number;
  notFound: Spoiler | null;
  reset: (Spoiler & { after: number }) | null;
};

export function outputFaults(faults: readonly FileFault[], index: number): OutputFaults {
  const resolved: OutputFaults = { slowFileSeconds: 0, notFound: null, reset: null };
  for (const f of faults) {
    if (f.output !== null && f.output !== index) continue;
    if (f.kind === "slow") resolved.slowFileSeconds = Math.max(resolved.slowFileSeconds, f.seconds);
    else if (f.kind === "not-found") resolved.notFound ??= { left: f.times };
    else resolved.reset ??= { left: f.times, after: f.after };
  }
  return resolved;
}

/** Whether a fault spoils this GET; counts the GET against its `times`. */
export function spoils(spoiler: Spoiler | null): boolean {
  if (!spoiler || spoiler.left === 0) return false;
  if (spoiler.left !== null) spoiler.left -= 1;
  return true;
}

/** Whether a fault would spoil a GET now, without using it up (for HEAD). */
export const wouldSpoil = (spoiler: Spoiler | null): boolean => spoiler !== null && spoiler.left !== 0;
