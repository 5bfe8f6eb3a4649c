CREATE TABLE "generation_uploads" (
	"generation_id" text NOT NULL,
	"upload_id" text NOT NULL,
	CONSTRAINT "generation_uploads_generation_id_upload_id_pk" PRIMARY KEY("generation_id","upload_id")
);
--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "last_used_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "generation_uploads" ADD CONSTRAINT "generation_uploads_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_uploads" ADD CONSTRAINT "generation_uploads_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "generation_uploads_upload" ON "generation_uploads" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "uploads_last_used" ON "uploads" USING btree ("last_used_at");--> statement-breakpoint
-- Existing generations keep the uploads they were made from: link every upload a generation's input names (its Blob URL, or our /api/files/ URL of its key).
INSERT INTO "generation_uploads" ("generation_id", "upload_id")
SELECT DISTINCT g."id", u."id"
FROM "uploads" u
JOIN "generations" g ON g."owner_id" = u."owner_id"
CROSS JOIN LATERAL jsonb_each_text(g."input") AS field(name, value)
WHERE field.value = u."url" OR field.value LIKE '%/api/files/' || u."storage_key"
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Last used: the newest generation made from it, else its upload.
UPDATE "uploads" u SET "last_used_at" = greatest(u."created_at", coalesce((
  SELECT max(g."created_at") FROM "generation_uploads" l JOIN "generations" g ON g."id" = l."generation_id" WHERE l."upload_id" = u."id"
), u."created_at"));
