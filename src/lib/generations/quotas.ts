import "server-only";
import { secondsUntilNextUtcDay } from "@/shared/time";
import type { Tx } from "../db/types";
import { countRunning, lockUsageDay, ownerGenerationsToday, recentCreatesForAddress } from "../db/usage-queries";
import { env } from "../env";
import { AppError } from "../errors";

// Cost safety: the limits a create must pass, checked inside the create transaction after it has
// locked today's usage row (lockUsageDay), so concurrent creates on any instance are checked one
// at a time and none can pass on a count another is about to change. Each refusal is a 429 with
// Retry-After and names its limit (also as `limit` in the body).

export type QuotaSubject = { ownerId: string; clientKey: string };
/** A group member being claimed: the group's `size`, and how many of it are already claimed (`index`). */
export type GroupPlace = { size: number; index: number };

function refuse(limit: string, message: string, retryAfter: number, details: Record<string, unknown> = {}): never {
  throw new AppError("rate_limited", message, { retryAfter, details: { limit, ...details } });
}

const RUNNING_RETRY_SECONDS = 5;

export async function assertWithinQuotas(tx: Tx, subject: QuotaSubject, group?: GroupPlace): Promise<void> {
  const e = env();
  const day = await lockUsageDay(tx);
  const running = await countRunning(tx, subject);
  if (running.owner >= e.MAX_RUNNING_PER_OWNER) refuseRunning(running.owner, e.MAX_RUNNING_PER_OWNER, group);
  if ((await ownerGenerationsToday(tx, subject.ownerId)) >= e.MAX_DAILY_PER_OWNER) {
    refuse(
      "MAX_DAILY_PER_OWNER",
      `You have reached today's limit of ${e.MAX_DAILY_PER_OWNER} generations. It resets at midnight UTC.`,
      secondsUntilNextUtcDay(),
    );
  }
  if (running.address >= e.MAX_RUNNING_PER_ADDRESS) {
    refuse(
      "MAX_RUNNING_PER_ADDRESS",
      `Your network already has ${running.address} generations running (the limit per address is ${e.MAX_RUNNING_PER_ADDRESS}). Wait for one to finish.`,
      RUNNING_RETRY_SECONDS,
    );
  }
  const recent = await recentCreatesForAddress(tx, subject.clientKey, e.MAX_CREATES_PER_ADDRESS_PER_MINUTE);
  if (recent.count >= e.MAX_CREATES_PER_ADDRESS_PER_MINUTE) {
    refuse(
      "MAX_CREATES_PER_ADDRESS_PER_MINUTE",
      `Too many generations started from your network in the last minute (the limit per address is ${e.MAX_CREATES_PER_ADDRESS_PER_MINUTE} a minute).`,
      recent.secondsUntilFree,
    );
  }
  if (running.global >= e.MAX_RUNNING_GLOBAL) {
    refuse(
      "MAX_RUNNING_GLOBAL",
      `The service is busy: ${running.global} generations are running (the limit is ${e.MAX_RUNNING_GLOBAL}). Please try again shortly.`,
      RUNNING_RETRY_SECONDS,
    );
  }
  // Reserved (in flight) plus settled: a create is accepted while that is under the budget, so the
  // day's reservations pass it by at most one generation's estimate.
  if (day.reservedUsd + day.spentUsd >= e.DAILY_BUDGET_USD) {
    refuse(
      "DAILY_BUDGET_USD",
      "The service has reached today's budget. New generations resume at midnight UTC.",
      secondsUntilNextUtcDay(),
    );
  }
}

/**
 * The owner's running limit. For a group member after the first, the members claimed before it
 * in the same transaction are counted as running, so "you already have N running" would be
 * wrong: the refusal names the group's size instead, and whether waiting can help. `running` in
 * the body is what ran before the request.
 */
function refuseRunning(counted: number, limit: number, group: GroupPlace | undefined): never {
  if (!group || group.index === 0) {
    refuse(
      "MAX_RUNNING_PER_OWNER",
      `You already have ${counted} generations running (the limit is ${limit}). Wait for one to finish or cancel one.`,
      RUNNING_RETRY_SECONDS,
      { running: counted },
    );
  }
  const { size, index } = group;
  const before = counted - index; // the members claimed before it are counted too
  const message =
    size > limit
      ? `A group of ${size} would pass your limit of ${limit} generations running at once: choose ${limit} or fewer.`
      : `A group of ${size} needs ${size} free places, and ${before} of your ${limit} are in use: wait for one to finish, or choose fewer.`;
  refuse("MAX_RUNNING_PER_OWNER", message, RUNNING_RETRY_SECONDS, { running: before });
}
