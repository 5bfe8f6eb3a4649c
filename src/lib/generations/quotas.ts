import "server-only";
import { secondsUntilNextUtcDay, startOfUtcDay } from "@/shared/time";
import { countActiveForOwner, countTodayForOwner, usageByModelSince } from "../db/quota-queries";
import type { Tx } from "../db/types";
import { env } from "../env";
import { AppError } from "../errors";
import { estimateCostUsd, findModel } from "../replicate/models";

// Cost safety: per-owner running and daily limits, and a global daily budget. Runs inside
// the create transaction after `lockOwner`, so concurrent requests cannot both pass.

export async function estimatedSpendSince(db: Tx, since: Date): Promise<number> {
  const usage = await usageByModelSince(db, since);
  return usage.reduce((total, u) => total + estimateCostUsd(findModel(u.modelKey), u.predictSeconds, u.outputs), 0);
}

export async function assertWithinQuotas(tx: Tx, ownerId: string): Promise<void> {
  const { MAX_RUNNING_PER_OWNER, MAX_DAILY_PER_OWNER, DAILY_BUDGET_USD } = env();
  const running = await countActiveForOwner(tx, ownerId);
  if (running >= MAX_RUNNING_PER_OWNER) {
    throw new AppError(
      "rate_limited",
      `You already have ${running} generations running (the limit is ${MAX_RUNNING_PER_OWNER}). Wait for one to finish or cancel one.`,
      { retryAfter: 5 },
    );
  }
  const today = startOfUtcDay();
  const used = await countTodayForOwner(tx, ownerId, today);
  if (used >= MAX_DAILY_PER_OWNER) {
    throw new AppError(
      "rate_limited",
      `You have reached today's limit of ${MAX_DAILY_PER_OWNER} generations. It resets at midnight UTC.`,
      {
        retryAfter: secondsUntilNextUtcDay(),
      },
    );
  }
  const spent = await estimatedSpendSince(tx, today);
  if (spent >= DAILY_BUDGET_USD) {
    throw new AppError("rate_limited", "The service has reached today's budget. New generations resume at midnight UTC.", {
      retryAfter: secondsUntilNextUtcDay(),
    });
  }
}
