ALTER TABLE "generations" ADD COLUMN "settle_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "prediction_cancel_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "prediction_cancel_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "lost_prediction_search_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "create_refused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "outputs_claim" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "outputs_claimed_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "generations_cancel_pending" ON "generations" USING btree ("prediction_cancel_requested_at") WHERE "generations"."prediction_cancel_requested_at" is not null and "generations"."prediction_cancel_confirmed_at" is null;--> statement-breakpoint
CREATE INDEX "generations_lost_prediction_search" ON "generations" USING btree ("lost_prediction_search_until") WHERE "generations"."lost_prediction_search_until" is not null;--> statement-breakpoint
CREATE INDEX "generations_outputs_claimed" ON "generations" USING btree ("outputs_claimed_until") WHERE "generations"."outputs_claim" is not null;