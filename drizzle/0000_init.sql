CREATE TABLE "generation_outputs" (
	"generation_id" text NOT NULL,
	"index" integer NOT NULL,
	"storage_key" text NOT NULL,
	"url" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "generation_outputs_generation_id_index_pk" PRIMARY KEY("generation_id","index")
);
--> statement-breakpoint
CREATE TABLE "generations" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"model_key" text NOT NULL,
	"version" text NOT NULL,
	"input" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"prediction_id" text,
	"error" text,
	"progress" real DEFAULT 0 NOT NULL,
	"logs_tail" text,
	"logs_length" integer DEFAULT 0 NOT NULL,
	"predict_time" real,
	"idempotency_key" text,
	"cancel_requested_at" timestamp with time zone,
	"canceled_by" text,
	"reconciled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "generations_prediction_id_unique" UNIQUE("prediction_id"),
	CONSTRAINT "generations_progress_range" CHECK ("generations"."progress" >= 0 and "generations"."progress" <= 1)
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"webhook_id" text PRIMARY KEY NOT NULL,
	"generation_id" text NOT NULL,
	"status" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "generation_outputs" ADD CONSTRAINT "generation_outputs_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "generations_owner_idempotency_key" ON "generations" USING btree ("owner_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "generations_owner_recent" ON "generations" USING btree ("owner_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "generations_status_recent" ON "generations" USING btree ("status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "generations_recent" ON "generations" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "generations_stale_active" ON "generations" USING btree ("updated_at") WHERE "generations"."status" in ('queued', 'starting', 'processing');--> statement-breakpoint
CREATE INDEX "webhook_events_received" ON "webhook_events" USING btree ("received_at");