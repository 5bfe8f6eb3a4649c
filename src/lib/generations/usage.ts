import "server-only";
import { isTerminal } from "@/shared/generation-status";
import { type Transition, transitionGeneration } from "../db/transition-queries";
import type { Executor } from "../db/types";
import { type ModelPrice, settleGenerationUsage, unsettledEndedGenerationIds } from "../db/usage-queries";
import { models } from "../replicate/models";
import { forgetGeneration } from "./known-versions";

// Settling the usage record: when a generation ends, its reserved estimate is replaced by its
// real cost. Every state change goes through `transition` here, which settles in the same
// executor (inside the caller's transaction when it has one), except a success with images,
// committed by one statement and settled by `settleUsage` right after (commit-event.ts); the
// reconciler settles whatever a crash left between the two.

const prices: readonly ModelPrice[] = models.map((m) => ({
  modelKey: m.key,
  perSecondUsd: m.pricing.perSecondUsd,
  perOutputUsd: m.pricing.perOutputUsd,
}));

/** transitionGeneration, then, when the generation has ended, its usage settled; its known versions are forgotten. */
export async function transition(db: Executor, id: string, t: Transition) {
  const moved = await transitionGeneration(db, id, t);
  if (!moved) return null;
  // Committed already unless `db` is a transaction, whose caller forgets it again after its commit.
  forgetGeneration(id);
  if (isTerminal(moved.status)) await settleGenerationUsage(db, id, prices);
  return moved;
}

export function settleUsage(db: Executor, id: string): Promise<boolean> {
  return settleGenerationUsage(db, id, prices);
}

/** Settles ended generations whose reservation a crash left behind; returns how many. */
export async function settleLeftoverUsage(db: Executor, limit = 100): Promise<number> {
  let settled = 0;
  for (const id of await unsettledEndedGenerationIds(db, limit)) if (await settleUsage(db, id)) settled += 1;
  return settled;
}
