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
 * create's transaction; answers the ids it linked. One missing from the answer was deleted by the
 * sweep since the create read it: the row lock this takes makes either the sweep's delete or this
 * link wait for the other, and the sweep deletes only rows unused since its cutoff.
 */
export async function linkUploads(db: Executor, generationId: string, uploadIds: readonly string[]): Promise<string[]> {
  if (uploadIds.length === 0) return [];
  const rows = await rowsOf<{ upload_id: string }>(
    db,
    sql`
      with used as (
        update ${uploads} set last_used_at = now() where ${inArray(uploads.id, [...uploadIds])} returning id
      )
      insert into ${generationUploads} (generation_id, upload_id)
      select ${generationId}, id from used
      returning upload_id`,
  );
  return rows.map((r) => r.upload_id);
}

/**
 * Deletes up to `limit` uploads that no generation links and no create has used since `cutoff`,
 * longest unused first; answers their storage keys. Run in a transaction that deletes the files
 * before it commits. Rows a create has locked are skipped, and a row a create updated since this
 * statement began is re-read and kept (its `last_used_at` is recent).
 */
export async function deleteUnusedUploads(db: Executor, cutoff: Date, limit: number): Promise<string[]> {
  const before = cutoff.toISOString();
  const rows = await rowsOf<{ storage_key: string }>(
    db,
    sql`
      delete from ${uploads}
      where id in (
        select u.id from ${uploads} u
        where u.last_used_at < ${before}::timestamptz
          and not exists (select 1 from ${generationUploads} l where l.upload_id = u.id)
        order by u.last_used_at
        limit ${limit}
        for update skip locked
      ) and last_used_at < ${before}::timestamptz
      returning storage_key`,
  );
  return rows.map((r) => r.storage_key);
}
