import "server-only";
import { and, eq, gte, type SQL, sql } from "drizzle-orm";
import { generationOutputs, generations, type Upload, uploads } from "./schema";
import type { Executor } from "./types";

// Uploads (image inputs) and the lookups that decide whether a URL a browser sent is one of its
// own images: an upload of its own, or an output of one of its own generations.

export async function insertUpload(db: Executor, row: typeof uploads.$inferInsert): Promise<Upload> {
  const [inserted] = await db.insert(uploads).values(row).returning();
  if (!inserted) throw new Error("insert returned no row");
  return inserted;
}

/** Today's (since `since`) uploads of one owner: how many and how many bytes. */
export async function uploadUsageSince(db: Executor, ownerId: string, since: Date): Promise<{ count: number; bytes: number }> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${uploads.bytes}), 0)::bigint` })
    .from(uploads)
    .where(and(eq(uploads.ownerId, ownerId), gte(uploads.createdAt, since)));
  return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
}

export type OwnedImage = {
  storageKey: string;
  url: string;
  contentType: string;
  width: number | null;
  height: number | null;
  /** Set when the image is a generation's output (chaining records it as the parent). */
  generationId?: string;
  outputIndex?: number;
};

/** The owner's own upload, else output, matching the given conditions, or null (someone else's, or none). */
async function findOwned(db: Executor, ownerId: string, by: { upload: SQL; output: SQL }): Promise<OwnedImage | null> {
  const [upload] = await db
    .select({
      storageKey: uploads.storageKey,
      url: uploads.url,
      contentType: uploads.contentType,
      width: uploads.width,
      height: uploads.height,
    })
    .from(uploads)
    .where(and(by.upload, eq(uploads.ownerId, ownerId)));
  if (upload) return upload;
  const [output] = await db
    .select({
      storageKey: generationOutputs.storageKey,
      url: generationOutputs.url,
      contentType: generationOutputs.contentType,
      width: generationOutputs.width,
      height: generationOutputs.height,
      generationId: generationOutputs.generationId,
      outputIndex: generationOutputs.index,
    })
    .from(generationOutputs)
    .innerJoin(generations, eq(generations.id, generationOutputs.generationId))
    .where(and(by.output, eq(generations.ownerId, ownerId)));
  return output ?? null;
}

/** The owner's own upload or output stored under `storageKey`, or null (someone else's, or none). */
export const findOwnedImage = (db: Executor, ownerId: string, storageKey: string) =>
  findOwned(db, ownerId, { upload: eq(uploads.storageKey, storageKey), output: eq(generationOutputs.storageKey, storageKey) });

/** By public URL (Vercel Blob mode: the URL is the blob's own). */
export const findOwnedImageByUrl = (db: Executor, ownerId: string, url: string) =>
  findOwned(db, ownerId, { upload: eq(uploads.url, url), output: eq(generationOutputs.url, url) });
