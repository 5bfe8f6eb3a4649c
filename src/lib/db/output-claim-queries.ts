import "server-only";
import { and, eq, gt, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { activeStatuses } from "@/shared/generation-status";
import { generationOutputs, generations, type OutputVariant } from "./schema";
import type { Executor } from "./types";

// The outputs claim: a lease on one generation's files. Its holder alone downloads, writes and
// deletes them, and the success commit requires it (transitionGeneration's `outputsClaim`), so
// duplicate deliveries never fetch one output twice at once and no delete races a commit.

/**
 * The claim while only the sized copies are being made (generations/output-variants.ts): the
 * originals are committed, so a delete may go ahead; the copies' recording then fails.
 */
const COPIES_CLAIM_PREFIX = "copies:";
export const copiesToken = (token: string) => `${COPIES_CLAIM_PREFIX}${token}`;

/** A live claim that a delete must wait for: one copying originals, not one making sized copies. */
export const blockingClaimLive = sql<boolean>`${generations.outputsClaim} is not null and ${generations.outputsClaimedUntil} > now() and ${generations.outputsClaim} not like ${`${COPIES_CLAIM_PREFIX}%`}`;

const lease = (seconds: number) => sql`now() + make_interval(secs => ${seconds})`;

/** Takes the claim of a generation still running; false while someone else holds a live one. */
export async function claimOutputs(db: Executor, id: string, token: string, leaseSeconds: number): Promise<boolean> {
  const g = generations;
  const rows = await db
    .update(g)
    .set({ outputsClaim: token, outputsClaimedUntil: lease(leaseSeconds) })
    .where(
      and(
        eq(g.id, id),
        inArray(g.status, [...activeStatuses]),
        sql`(${g.outputsClaim} is null or ${g.outputsClaimedUntil} < now())`,
      ),
    )
    .returning({ id: g.id });
  return rows.length > 0;
}

/** The claim's current token, if a live one is held. */
export async function liveOutputsClaim(db: Executor, id: string): Promise<string | null> {
  const g = generations;
  const [row] = await db
    .select({ token: g.outputsClaim })
    .from(g)
    .where(and(eq(g.id, id), gt(g.outputsClaimedUntil, sql`now()`)));
  return row?.token ?? null;
}

/** True while `token` holds the claim with at least `marginSeconds` of its lease left. */
export async function holdsOutputsClaim(db: Executor, id: string, token: string, marginSeconds: number): Promise<boolean> {
  const g = generations;
  const [row] = await db
    .select({ id: g.id })
    .from(g)
    .where(and(eq(g.id, id), eq(g.outputsClaim, token), gt(g.outputsClaimedUntil, lease(marginSeconds))));
  return Boolean(row);
}

export async function releaseOutputsClaim(db: Executor, id: string, token: string): Promise<void> {
  await db
    .update(generations)
    .set({ outputsClaim: null, outputsClaimedUntil: null })
    .where(and(eq(generations.id, id), eq(generations.outputsClaim, token)));
}

/**
 * Extends the leases of claims whose holders are still at work (the sized copies, waiting their
 * turn or being made): answers the ids whose claim was extended. A lease that ran out is not
 * (its claim is abandoned: the sweeper's to take), nor a deleted generation's. Read by primary
 * key; a token names one claim.
 */
export async function renewOutputsClaims(
  db: Executor,
  claims: { id: string; token: string }[],
  leaseSeconds: number,
): Promise<string[]> {
  if (claims.length === 0) return [];
  const g = generations;
  const rows = await db
    .update(g)
    .set({ outputsClaimedUntil: lease(leaseSeconds) })
    .where(
      and(
        inArray(
          g.id,
          claims.map((c) => c.id),
        ),
        inArray(
          g.outputsClaim,
          claims.map((c) => c.token),
        ),
        gt(g.outputsClaimedUntil, sql`now()`),
        isNull(g.deletedAt),
      ),
    )
    .returning({ id: g.id });
  return rows.map((r) => r.id);
}

/**
 * Files may be left behind with no one to delete them (a delete failed): leaves a claim whose
 * lease has already run out, so the sweeper's next run removes them.
 */
export async function leaveForSweeper(db: Executor, id: string, token: string): Promise<void> {
  const g = generations;
  await db
    .update(g)
    .set({ outputsClaim: token, outputsClaimedUntil: sql`now()` })
    .where(and(eq(g.id, id), sql`(${g.outputsClaim} is null or ${g.outputsClaim} = ${token})`));
}

/**
 * Takes over up to `limit` claims whose lease ran out (their holder crashed or hung): the files
 * it may have left behind are swept under the new claim.
 */
export async function claimAbandonedOutputs(
  db: Executor,
  { token, leaseSeconds, limit }: { token: string; leaseSeconds: number; limit: number },
): Promise<string[]> {
  const g = generations;
  const stale = db
    .select({ id: g.id })
    .from(g)
    .where(and(isNotNull(g.outputsClaim), lt(g.outputsClaimedUntil, sql`now()`)))
    .orderBy(g.outputsClaimedUntil)
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(g)
    .set({ outputsClaim: token, outputsClaimedUntil: lease(leaseSeconds) })
    .where(inArray(g.id, stale))
    .returning({ id: g.id });
  return rows.map((r) => r.id);
}

/** Every storage key an output row names: its original and its sized copies. */
export const storedKeysOf = (row: { key: string; variants: OutputVariant[] | null }): string[] => [
  row.key,
  ...(row.variants ?? []).map((v) => v.key),
];

/** The storage keys the database references for a generation, sized copies included (what a sweep keeps). */
export async function referencedOutputKeys(db: Executor, id: string): Promise<string[]> {
  const rows = await db
    .select({ key: generationOutputs.storageKey, variants: generationOutputs.variants })
    .from(generationOutputs)
    .where(eq(generationOutputs.generationId, id));
  return rows.flatMap(storedKeysOf);
}

/** Counts one failed attempt to settle a generation; returns the new total. */
export async function countSettleFailure(db: Executor, id: string): Promise<number> {
  const [row] = await db
    .update(generations)
    .set({ settleFailures: sql`${generations.settleFailures} + 1` })
    .where(eq(generations.id, id))
    .returning({ failures: generations.settleFailures });
  return row?.failures ?? 0;
}
