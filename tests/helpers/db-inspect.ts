import { eq, type SQL, sql } from "drizzle-orm";
import { getDb } from "../../src/lib/db/index";
import { generationOutputs, generations } from "../../src/lib/db/schema";

// Direct reads of the database the app under test uses (same process, same client).

export async function generationRow(id: string) {
  const [row] = await (await getDb()).select().from(generations).where(eq(generations.id, id));
  if (!row) throw new Error(`no generation ${id}`);
  return row;
}

export async function outputRows(id: string) {
  return (await getDb()).select().from(generationOutputs).where(eq(generationOutputs.generationId, id));
}

export async function outputCount(id: string): Promise<number> {
  return (await outputRows(id)).length;
}

export async function countGenerations(): Promise<number> {
  const [row] = await (await getDb()).select({ n: sql<number>`count(*)::int` }).from(generations);
  return row?.n ?? 0;
}

/** A raw query's rows, whichever driver runs it. */
export async function dbRows<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
  const result = (await (await getDb()).execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
