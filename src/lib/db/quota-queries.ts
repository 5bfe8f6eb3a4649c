import "server-only";
import { and, count, eq, gte, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import { activeStatuses } from "@/shared/generation-status";
import { generations } from "./schema";
import type { Executor, Tx } from "./types";

// The owner lock a create takes (its idempotency check and per-owner limits), and per-owner
// counts read from the rows themselves (the soak test checks the usage record against them).

export async function lockOwner(tx: Tx, ownerId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`owner:${ownerId}`}))`);
}

export async function countActiveForOwner(db: Executor, ownerId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(generations)
    .where(and(eq(generations.ownerId, ownerId), inArray(generations.status, [...activeStatuses])));
  return row?.n ?? 0;
}

/** Today's generations that count: failed ones and ones canceled before starting do not. */
export async function countTodayForOwner(db: Executor, ownerId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(generations)
    .where(
      and(
        eq(generations.ownerId, ownerId),
        gte(generations.createdAt, since),
        ne(generations.status, "failed"),
        or(ne(generations.status, "canceled"), isNotNull(generations.startedAt)),
      ),
    );
  return row?.n ?? 0;
}
