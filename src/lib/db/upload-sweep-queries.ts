import "server-only";
import { inArray, type SQL, sql } from "drizzle-orm";
import { rowsOf } from "./raw-rows";
import { generations, generationUploads, uploads } from "./schema";
import type { Executor } from "./types";

// The upload sweep's statements (src/lib/uploads/upload-sweep.ts): mark the unused, take over
// stale marks, delete the rows whose files are gone. Creates link uploads in upload-queries.ts.

/** The storage key an input URL ends in (our /api/files/<key> URL, or a Blob URL), in SQL. */
const keyOfInput = (value: SQL) => sql`substring(${value} from '(uploads/[^/?#]+/[^/?#]+)$')`;

export type SweptUpload = { id: string; storageKey: string };

/**
 * Phase one of the sweep: marks up to `limit` uploads no generation links and no create has used
 * since `cutoff` as being deleted (from then on no create links them), longest unused first, and
 * answers them. A live generation whose input names one without a link (made by code older than
 * the links) is linked now instead, and that upload kept. Rows a create has locked are skipped;
 * one a create linked since this statement began is re-read, and kept.
 */
export async function markUnusedUploads(db: Executor, cutoff: Date, limit: number): Promise<SweptUpload[]> {
  const before = cutoff.toISOString();
  const rows = await rowsOf<{ id: string; storage_key: string }>(
    db,
    sql`
      with candidates as (
        select id, owner_id, storage_key, created_at from ${uploads}
        where link_count = 0 and deleting_since is null and last_used_at < ${before}::timestamptz
        order by last_used_at
        limit ${limit}
        for update skip locked
      ), healed as (
        insert into ${generationUploads} (generation_id, upload_id)
        select distinct g.id, c.id from candidates c
        join ${generations} g on g.owner_id = c.owner_id and g.deleted_at is null and g.created_at >= c.created_at
        cross join lateral jsonb_each_text(g.input) as field(name, value)
        where ${keyOfInput(sql`field.value`)} = c.storage_key
        on conflict do nothing
        returning upload_id
      ), relinked as (
        update ${uploads} u set link_count = u.link_count + h.n
        from (select upload_id, count(*)::int as n from healed group by upload_id) h
        where u.id = h.upload_id
      )
      -- The candidates are locked, their conditions re-read on the newest row: no check again here.
      update ${uploads} set deleting_since = now()
      where id in (select id from candidates) and id not in (select upload_id from healed)
      returning id, storage_key`,
  );
  return rows.map((r) => ({ id: r.id, storageKey: r.storage_key }));
}

/**
 * Deletions left half done (a crash between the mark and the delete, or a file that could not be
 * deleted), marked longer than `staleSeconds` ago: marked again now, so another sweep leaves them
 * alone and a file that keeps failing goes to the back of the line, and answered.
 */
export async function retakeStaleDeletions(db: Executor, staleSeconds: number, limit: number): Promise<SweptUpload[]> {
  const rows = await rowsOf<{ id: string; storage_key: string }>(
    db,
    sql`
      update ${uploads} set deleting_since = now()
      where id in (
        select id from ${uploads}
        where deleting_since < now() - make_interval(secs => ${staleSeconds})
        order by deleting_since
        limit ${limit}
        for update skip locked
      )
      returning id, storage_key`,
  );
  return rows.map((r) => ({ id: r.id, storageKey: r.storage_key }));
}

/** Phase two, once their files are gone: the rows of marked uploads. */
export async function deleteMarkedUploads(db: Executor, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`delete from ${uploads} where ${inArray(uploads.id, [...ids])} and deleting_since is not null and link_count = 0 returning id`,
  );
  return rows.length;
}
