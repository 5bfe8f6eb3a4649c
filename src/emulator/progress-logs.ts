// Log lines in the shape diffusers/tqdm prints them inside Cog, so progress parsers (the SDK's
// parseProgressFromLogs, the product's own) see what a real model writes.

const BAR_WIDTH = 10;

function clock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const mm = String(Math.floor(whole / 60)).padStart(2, "0");
  const ss = String(whole % 60).padStart(2, "0");
  return `${mm}:${ss}`;
}

function rateText(rate: number): string {
  if (rate >= 100) return rate.toFixed(0);
  if (rate >= 10) return rate.toFixed(1);
  return rate.toFixed(2);
}

/** e.g. `  50%|█████     | 2/4 [00:00<00:00, 10.1it/s]` after `elapsedSeconds` of emulated time. */
export function tqdmLine(done: number, total: number, elapsedSeconds: number): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const percent = String(Math.round(fraction * 100)).padStart(4, " ");
  const filled = Math.floor(fraction * BAR_WIDTH);
  const bar = "█".repeat(filled) + " ".repeat(BAR_WIDTH - filled);
  if (done === 0 || elapsedSeconds <= 0) {
    return `${percent}%|${bar}| ${done}/${total} [00:00<?, ?it/s]`;
  }
  const rate = done / elapsedSeconds;
  const remaining = (total - done) / rate;
  return `${percent}%|${bar}| ${done}/${total} [${clock(elapsedSeconds)}<${clock(remaining)}, ${rateText(rate)}it/s]`;
}
