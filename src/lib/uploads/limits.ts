import "server-only";
import { secondsUntilNextUtcDay, startOfUtcDay } from "@/shared/time";
import { clientAddress } from "../auth/client-address";
import { getDb } from "../db";
import { hitRateLimit } from "../db/rate-limit-queries";
import type { Executor } from "../db/types";
import { uploadUsageSince } from "../db/upload-queries";
import { env } from "../env";
import { AppError } from "../errors";

// Limits on image inputs: per owner per UTC day (how many and how many bytes), and per client
// address per minute (a fresh cookie per request gets around the owner's limits, not this one).
// Each 429 names the limit and says when it resets (Retry-After).

export async function assertAddressAllowance(request: Request): Promise<void> {
  const db = await getDb();
  const limit = env().MAX_UPLOADS_PER_ADDRESS_MINUTE;
  const hit = await hitRateLimit(db, { key: `upload:address:${clientAddress(request).key}`, windowSeconds: 60 });
  if (hit.count > limit) {
    throw new AppError(
      "rate_limited",
      `Too many uploads from your address: the limit is ${limit} a minute (MAX_UPLOADS_PER_ADDRESS_MINUTE). Try again in ${hit.secondsLeft} s.`,
      { retryAfter: hit.secondsLeft },
    );
  }
}

/** Runs under the owner's lock, so two uploads at once cannot both take the last allowance. */
export async function assertOwnerAllowance(db: Executor, ownerId: string, bytes: number): Promise<void> {
  const { MAX_UPLOADS_PER_OWNER_DAILY: maxCount, MAX_UPLOAD_MB_PER_OWNER_DAILY: maxMb } = env();
  const used = await uploadUsageSince(db, ownerId, startOfUtcDay());
  const retryAfter = secondsUntilNextUtcDay();
  if (used.count >= maxCount) {
    throw new AppError(
      "rate_limited",
      `You have reached today's limit of ${maxCount} uploads (MAX_UPLOADS_PER_OWNER_DAILY). It resets at midnight UTC.`,
      { retryAfter },
    );
  }
  if (used.bytes + bytes > maxMb * 1024 * 1024) {
    throw new AppError(
      "rate_limited",
      `This upload would pass today's limit of ${maxMb} MB of uploads (MAX_UPLOAD_MB_PER_OWNER_DAILY). It resets at midnight UTC.`,
      { retryAfter },
    );
  }
}
