import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { nowStamp, ownerColumn } from "./columns";

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
  },
  (t) => [
    // Per-owner daily counts (count and bytes) read the owner's newest rows.
    index("uploads_owner_recent").on(t.ownerId, t.createdAt),
    // The sweep reads the longest-unused first.
    index("uploads_last_used").on(t.lastUsedAt),
  ],
);

export type Upload = typeof uploads.$inferSelect;
