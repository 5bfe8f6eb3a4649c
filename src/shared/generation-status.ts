// The status vocabulary of a generation, and the forward-only rule between statuses. A pure
// leaf: the database schema, the domain and the browser all import it, so there is one list,
// one `isTerminal` and one `isActive`.
//
// The SQL that enforces the rule is `transitionGeneration` in src/lib/db/transition-queries.ts:
// it asks `statusesThatMayBecome` for its WHERE clause, so a state change is one conditional
// UPDATE, never read-then-write.

export const generationStatuses = ["queued", "starting", "processing", "succeeded", "failed", "canceled"] as const;
export type GenerationStatus = (typeof generationStatuses)[number];

/** Final: nothing moves a generation out of these. */
export const terminalStatuses = ["succeeded", "failed", "canceled"] as const satisfies readonly GenerationStatus[];
/** Not finished yet: may still cost money, count against the running quota, be canceled. */
export const activeStatuses = ["queued", "starting", "processing"] as const satisfies readonly GenerationStatus[];

/** What the admin list filters on: one status, or `active` for all of activeStatuses. */
export const statusFilters = ["active", ...generationStatuses] as const;
export type StatusFilter = (typeof statusFilters)[number];

// Forward-only: an update applies only when it moves a generation forward. Terminal states are
// final. Within `processing`, the same status may repeat (progress and logs only grow).
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

export function isActive(status: GenerationStatus): boolean {
  return !isTerminal(status);
}

/** Whether any of them has not finished yet. */
export function anyActive(generations: readonly { status: GenerationStatus }[]): boolean {
  return generations.some((g) => isActive(g.status));
}

/** The current statuses from which a generation may move to `next`. */
export function statusesThatMayBecome(next: GenerationStatus): GenerationStatus[] {
  return generationStatuses.filter((current) => rank[current] < rank[next] || (current === next && next === "processing"));
}

export function canTransition(current: GenerationStatus, next: GenerationStatus): boolean {
  return statusesThatMayBecome(next).includes(current);
}
