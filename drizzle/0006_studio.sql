CREATE TABLE "generation_deletions" (
	"generation_id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"model_key" text NOT NULL,
	"status" text NOT NULL,
	"removed_keys" jsonb NOT NULL,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "generation_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "generation_outputs" ADD COLUMN "variants" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "group_id" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "favourite" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "generation_deletions_recent" ON "generation_deletions" USING btree ("deleted_at");--> statement-breakpoint
CREATE INDEX "generation_groups_owner" ON "generation_groups" USING btree ("owner_id");--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_group_id_generation_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."generation_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "generations_group" ON "generations" USING btree ("group_id") WHERE "generations"."group_id" is not null;