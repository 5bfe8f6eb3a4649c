import "server-only";
import { and, eq, gt, lte, ne, or, sql } from "drizzle-orm";
import { adminSessions } from "./schema";
import type { Executor } from "./types";

// The admin session records (see schema.ts): one row per signed-in browser.

const s = adminSessions;

export async function insertAdminSession(
  db: Executor,
  { tokenHash, passwordFingerprint, ttlSeconds }: { tokenHash: string; passwordFingerprint: string; ttlSeconds: number },
): Promise<void> {
  await db
    .insert(s)
    .values({ tokenHash, passwordFingerprint, expiresAt: sql`now() + make_interval(secs => ${ttlSeconds}::int)` });
}

/** True while the session exists, has not expired and was opened with the current password. */
export async function isLiveAdminSession(
  db: Executor,
  { tokenHash, passwordFingerprint }: { tokenHash: string; passwordFingerprint: string },
): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(s)
    .where(and(eq(s.tokenHash, tokenHash), eq(s.passwordFingerprint, passwordFingerprint), gt(s.expiresAt, sql`now()`)));
  return rows.length > 0;
}

export async function deleteAdminSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(s).where(eq(s.tokenHash, tokenHash));
}

/** Sessions that can never be used again: expired, or opened with a password no longer current. */
export async function pruneAdminSessions(db: Executor, passwordFingerprint: string): Promise<void> {
  await db.delete(s).where(or(lte(s.expiresAt, sql`now()`), ne(s.passwordFingerprint, passwordFingerprint)));
}
