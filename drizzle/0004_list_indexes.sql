DROP INDEX "generations_owner_recent";--> statement-breakpoint
DROP INDEX "generations_status_recent";--> statement-breakpoint
DROP INDEX "generations_recent";--> statement-breakpoint
CREATE INDEX "generations_model_recent" ON "generations" USING btree ("model_key","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "generations_failed_recent" ON "generations" USING btree (coalesce("completed_at", "updated_at")) WHERE "generations"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "generations_prompt_trgm" ON "generations" USING gin (("input"->>'prompt') gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "generations_owner_recent" ON "generations" USING btree ("owner_id" text_pattern_ops,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "generations_status_recent" ON "generations" USING btree ("status","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "generations_recent" ON "generations" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);