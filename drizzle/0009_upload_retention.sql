CREATE TABLE "generation_uploads" (
	"generation_id" text NOT NULL,
	"upload_id" text NOT NULL,
	CONSTRAINT "generation_uploads_generation_id_upload_id_pk" PRIMARY KEY("generation_id","upload_id")
);
--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "last_used_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "link_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "deleting_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "generation_uploads" ADD CONSTRAINT "generation_uploads_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_uploads" ADD CONSTRAINT "generation_uploads_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "generation_uploads_upload" ON "generation_uploads" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "uploads_unlinked_last_used" ON "uploads" USING btree ("last_used_at") WHERE link_count = 0 and deleting_since is null;--> statement-breakpoint
CREATE INDEX "uploads_deleting" ON "uploads" USING btree ("deleting_since") WHERE deleting_since is not null;--> statement-breakpoint
-- Live generations keep the uploads their inputs name: our /api/files/<key> URL or the Blob URL, both ending in the upload's storage key.
INSERT INTO "generation_uploads" ("generation_id", "upload_id")
SELECT DISTINCT g."id", u."id"
FROM "generations" g
CROSS JOIN LATERAL jsonb_each_text(g."input") AS field(name, value)
JOIN "uploads" u ON u."owner_id" = g."owner_id" AND u."storage_key" = substring(field.value from '(uploads/[^/?#]+/[^/?#]+)$')
WHERE g."deleted_at" IS NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Each upload's links counted, and its last use: the newest generation made from it, else its upload.
UPDATE "uploads" u SET "link_count" = l.n, "last_used_at" = greatest(u."created_at", l.newest)
FROM (
  SELECT gu."upload_id", count(*)::int AS n, max(g."created_at") AS newest
  FROM "generation_uploads" gu JOIN "generations" g ON g."id" = gu."generation_id"
  GROUP BY gu."upload_id"
) l
WHERE l."upload_id" = u."id";--> statement-breakpoint
UPDATE "uploads" SET "last_used_at" = "created_at" WHERE "link_count" = 0;
