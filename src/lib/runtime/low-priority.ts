import { writeFileSync } from "node:fs";
import { setPriority } from "node:os";

// The lowest CPU priority for a background process (the sized-copy encoder): nice 19, and on
// Linux with autogroup scheduling its session's autogroup at nice 19 too, since autogroups
// compete with each other as wholes, whatever the nice of the processes inside them.

const LOWEST_PRIORITY = 19;

/** Nice 19, for the process and (Linux) its autogroup. Best effort: where refused, normal priority. */
export function lowestPriority(pid: number | undefined): void {
  if (!pid) return;
  try {
    setPriority(pid, LOWEST_PRIORITY);
  } catch {
    // refused: normal priority
  }
  lowerAutogroup(pid, 1);
}

/** Linux refuses (EAGAIN) an autogroup nice set within 100 ms of another one anywhere: tried once more. */
function lowerAutogroup(pid: number, retries: number): void {
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(LOWEST_PRIORITY));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EAGAIN" && retries > 0) {
      setTimeout(() => lowerAutogroup(pid, retries - 1), 150).unref();
    }
    // Otherwise not Linux, no autogroup scheduling, or refused: its group keeps the usual weight.
  }
}
