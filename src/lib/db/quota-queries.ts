import "server-only";
import { and, count, eq, gte, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import { activeStatuses } from "@/shared/generation-status";
import { generationOutputs, generations } from "./schema";
import type { Executor, Tx } from "./types";

// Counts behind quotas and the budget. Callers hold `lockOwner` so check-then-insert is atomic
// across every app instance sharing the database.

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

/** Predict seconds and stored outputs per model since `since`: the inputs of cost estimates. */
export async function usageByModelSince(db: Executor, since: Date) {
  const seconds = await db
    .select({
      modelKey: generations.modelKey,
      seconds: sql<string | null>`sum(${generations.predictTime}::float8)`,
      generations: count(),
    })
    .from(generations)
    .where(gte(generations.createdAt, since))
    .groupBy(generations.modelKey);
  const outputs = await db
    .select({ modelKey: generations.modelKey, outputs: count() })
    .from(generationOutputs)
    .innerJoin(generations, eq(generations.id, generationOutputs.generationId))
    .where(gte(generations.createdAt, since))
    .groupBy(generations.modelKey);
  const outputsByModel = new Map(outputs.map((o) => [o.modelKey, o.outputs]));
  return seconds.map((s) => ({
    modelKey: s.modelKey,
    generations: s.generations,
    predictSeconds: Number(s.seconds ?? 0),
    outputs: outputsByModel.get(s.modelKey) ?? 0,
  }));
}
