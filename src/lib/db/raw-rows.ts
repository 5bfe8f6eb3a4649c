import "server-only";
import type { SQL } from "drizzle-orm";
import type { Executor } from "./types";

/** Runs hand-written SQL; every driver (pg, neon, PGlite) answers with `rows`. */
export async function rowsOf<T>(db: Executor, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
