CREATE TABLE "uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"storage_key" text NOT NULL,
	"url" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uploads_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "parent_generation_id" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "parent_output_index" integer;--> statement-breakpoint
CREATE INDEX "uploads_owner_recent" ON "uploads" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE INDEX "generations_parent" ON "generations" USING btree ("parent_generation_id") WHERE "generations"."parent_generation_id" is not null;