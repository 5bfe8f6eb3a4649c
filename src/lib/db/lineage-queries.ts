import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { generationColumns } from "./queries";
import { generationOutputs, generations } from "./schema";
import type { Executor } from "./types";

// A generation's parent (the generation whose output it took as input) and its children.

export type LineageRow = {
  id: string;
  modelKey: string;
  status: (typeof generations.$inferSelect)["status"];
  outputIndex: number;
  thumbnail: string | null;
};

/** The generation's link to its parent, or null when it is not the caller's (ownerId null: any). */
export async function getParentLink(db: Executor, id: string, ownerId: string | null) {
  const [row] = await db
    .select({ parentId: generations.parentGenerationId, outputIndex: generations.parentOutputIndex })
    .from(generations)
    .where(ownerId === null ? eq(generations.id, id) : and(eq(generations.id, id), eq(generations.ownerId, ownerId)));
  return row ?? null;
}

/** One generation with its `index`th output as thumbnail (or its first when that one is gone). */
export async function getLineageItem(db: Executor, id: string, outputIndex: number): Promise<LineageRow | null> {
  const row = await generationColumns(db, id, { id: generations.id, modelKey: generations.modelKey, status: generations.status });
  if (!row) return null;
  const [output] = await db
    .select({ url: generationOutputs.url })
    .from(generationOutputs)
    .where(eq(generationOutputs.generationId, id))
    .orderBy(sql`${generationOutputs.index} = ${outputIndex} desc`, asc(generationOutputs.index))
    .limit(1);
  return { ...row, outputIndex, thumbnail: output?.url ?? null };
}

/** The newest generations started from this one's outputs (first output as thumbnail). */
export async function listChildren(db: Executor, parentId: string, limit = 24): Promise<LineageRow[]> {
  const first = db
    .select({ url: generationOutputs.url })
    .from(generationOutputs)
    .where(eq(generationOutputs.generationId, generations.id))
    .orderBy(asc(generationOutputs.index))
    .limit(1);
  return db
    .select({
      id: generations.id,
      modelKey: generations.modelKey,
      status: generations.status,
      outputIndex: sql<number>`coalesce(${generations.parentOutputIndex}, 0)`,
      thumbnail: sql<string | null>`(${first})`,
    })
    .from(generations)
    .where(and(eq(generations.parentGenerationId, parentId), eq(generations.createRefused, false)))
    .orderBy(desc(generations.createdAt), desc(generations.id))
    .limit(limit);
}
