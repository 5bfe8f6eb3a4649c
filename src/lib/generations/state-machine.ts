import { type GenerationStatus, generationStatuses, terminalStatuses } from "../db/schema";

// Forward-only: an update applies only when it moves a generation forward. Terminal states
// are final. Within `processing`, the same status may repeat (progress and logs only grow).
// The SQL that enforces this is `transitionGeneration` in db/queries.ts, which asks
// `statusesThatMayBecome` for its WHERE clause, so it is one conditional UPDATE, never
// read-then-write.

const rank: Record<GenerationStatus, number> = {
  queued: 0,
  starting: 1,
  processing: 2,
  succeeded: 3,
  failed: 3,
  canceled: 3,
};

export function isTerminal(status: GenerationStatus): boolean {
  return (terminalStatuses as readonly GenerationStatus[]).includes(status);
}

/** The current statuses from which a generation may move to `next`. */
export function statusesThatMayBecome(next: GenerationStatus): GenerationStatus[] {
  return generationStatuses.filter((current) => rank[current] < rank[next] || (current === next && next === "processing"));
}

export function canTransition(current: GenerationStatus, next: GenerationStatus): boolean {
  return statusesThatMayBecome(next).includes(current);
}
