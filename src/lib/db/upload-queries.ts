import "server-only";
import { and, eq, gte, inArray, type SQL, sql } from "drizzle-orm";
import { rowsOf } from "./raw-rows";
import { generationOutputs, generations, generationUploads, type Upload, uploads } from "./schema";
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
  /** Set when the image is an upload (a create links it: linkUploads). */
  uploadId?: string;
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
      uploadId: uploads.id,
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

/**
 * Links a new generation to the uploads it was made from and marks them used now, in the
 * create's transaction; answers the ids it linked. One missing from the answer is being deleted
 * by the sweep (upload-sweep-queries.ts) since the create read it: the row lock this takes makes
 * either the sweep's mark or this link wait for the other, and each re-reads the row after.
 */
export async function linkUploads(db: Executor, generationId: string, uploadIds: readonly string[]): Promise<string[]> {
  if (uploadIds.length === 0) return [];
  const rows = await rowsOf<{ upload_id: string }>(
    db,
    sql`
      with used as (
        update ${uploads} set last_used_at = now(), link_count = link_count + 1
        where ${inArray(uploads.id, [...uploadIds])} and deleting_since is null
        returning id
      )
      insert into ${generationUploads} (generation_id, upload_id)
      select ${generationId}, id from used
      returning upload_id`,
  );
  return rows.map((r) => r.upload_id);
}

/** A deleted generation's links go, and each of its uploads counts one link less. */
export async function unlinkUploads(db: Executor, generationId: string): Promise<void> {
  await db.execute(sql`
    with gone as (delete from ${generationUploads} where generation_id = ${generationId} returning upload_id)
    update ${uploads} set link_count = link_count - 1 where id in (select upload_id from gone)`);
}
