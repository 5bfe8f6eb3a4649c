import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { ownedBy, viewSelection, withOutputs } from "./queries";
import { generationGroups, generations } from "./schema";
import type { Executor } from "./types";

// Groups of generations started by one request (variations, compare).

export async function insertGroup(db: Executor, row: { id: string; ownerId: string; kind: "variations" | "compare" }) {
  await db.insert(generationGroups).values(row);
}

/** A group and its members as their owner sees them (deleted members left out), in the order they were asked for
 * (members are stamped one millisecond apart, the first newest: createGroup). */
export async function getOwnGroup(db: Executor, { id, ownerId }: { id: string; ownerId: string }) {
  const [group] = await db
    .select({ id: generationGroups.id, kind: generationGroups.kind, createdAt: generationGroups.createdAt })
    .from(generationGroups)
    .where(and(eq(generationGroups.id, id), eq(generationGroups.ownerId, ownerId)));
  if (!group) return null;
  const rows = await db
    .select(viewSelection())
    .from(generations)
    .where(and(eq(generations.groupId, id), ownedBy(ownerId)))
    .orderBy(desc(generations.createdAt), desc(generations.id));
  return { group, members: await withOutputs(db, rows) };
}

/** The group a generation created with `key` belongs to (a repeated group request). */
export async function findGroupByMemberKey(db: Executor, { ownerId, key }: { ownerId: string; key: string }) {
  const [row] = await db
    .select({ groupId: generations.groupId })
    .from(generations)
    .where(and(eq(generations.ownerId, ownerId), eq(generations.idempotencyKey, key)));
  return row?.groupId ?? null;
}
