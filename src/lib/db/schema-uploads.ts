import { sql } from "drizzle-orm";
import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { counter, nowStamp, ownerColumn, tz } from "./columns";

/**
 * Images a browser uploaded as model inputs, checked by their bytes (src/lib/uploads). Stored under
 * `uploads/<owner hash>/<id>.<ext>`; only their owner may use them as an input. One that no
 * generation uses and no create has used for `UPLOAD_RETENTION_DAYS` is deleted with its file
 * (src/lib/uploads/upload-sweep.ts).
 */
export const uploads = pgTable(
  "uploads",
  {
    id: text("id").primaryKey(),
    ownerId: ownerColumn(),
    storageKey: text("storage_key").notNull().unique(),
    url: text("url").notNull(),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    createdAt: nowStamp("created_at"),
    /** Set by the upload and by every create that uses it (in the create's transaction). */
    lastUsedAt: nowStamp("last_used_at"),
    /** Live generations linked to it (generation_uploads): kept by the link and the unlink themselves. */
    linkCount: counter("link_count"),
    /** Set by the sweep before it deletes the file: from then on no create may use it. */
    deletingSince: tz("deleting_since"),
  },
  (t) => [
    // Per-owner daily counts (count and bytes) read the owner's newest rows.
    index("uploads_owner_recent").on(t.ownerId, t.createdAt),
    // The sweep's candidates, longest unused first: only the unlinked, so linked history costs nothing.
    index("uploads_unlinked_last_used").on(t.lastUsedAt).where(sql`link_count = 0 and deleting_since is null`),
    // Deletions a crash or a failed file delete left half done, retried oldest first.
    index("uploads_deleting").on(t.deletingSince).where(sql`deleting_since is not null`),
  ],
);

export type Upload = typeof uploads.$inferSelect;
