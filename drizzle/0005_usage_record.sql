CREATE TABLE "usage_days" (
	"day" date PRIMARY KEY NOT NULL,
	"reserved_usd" double precision DEFAULT 0 NOT NULL,
	"spent_usd" double precision DEFAULT 0 NOT NULL,
	"generations" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_model_days" (
	"day" date NOT NULL,
	"model_key" text NOT NULL,
	"generations" integer DEFAULT 0 NOT NULL,
	"predict_seconds" double precision DEFAULT 0 NOT NULL,
	"outputs" integer DEFAULT 0 NOT NULL,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_model_days_day_model_key_pk" PRIMARY KEY("day","model_key")
);
--> statement-breakpoint
CREATE TABLE "usage_owner_days" (
	"day" date NOT NULL,
	"owner_id" text NOT NULL,
	"generations" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_owner_days_day_owner_id_pk" PRIMARY KEY("day","owner_id")
);
--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "client_key" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "usage_reserved_usd" double precision;--> statement-breakpoint
CREATE INDEX "generations_client_recent" ON "generations" USING btree ("client_key","created_at") WHERE "generations"."client_key" is not null;--> statement-breakpoint
CREATE INDEX "generations_usage_unsettled" ON "generations" USING btree ("updated_at") WHERE "generations"."usage_reserved_usd" is not null;--> statement-breakpoint
-- Backfill today's counts from the rows, so deploying this does not reset anyone's daily allowance
-- (costs start from here: prices live in the catalogue, not the database).
INSERT INTO "usage_model_days" ("day", "model_key", "generations", "predict_seconds", "outputs")
SELECT (g."created_at" at time zone 'utc')::date, g."model_key", count(*), coalesce(sum(g."predict_time"), 0),
  coalesce(sum((SELECT count(*) FROM "generation_outputs" o WHERE o."generation_id" = g."id")), 0)
FROM "generations" g WHERE g."created_at" >= date_trunc('day', now() at time zone 'utc') at time zone 'utc'
GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO "usage_owner_days" ("day", "owner_id", "generations")
SELECT (g."created_at" at time zone 'utc')::date, g."owner_id", count(*)
FROM "generations" g WHERE g."created_at" >= date_trunc('day', now() at time zone 'utc') at time zone 'utc'
  AND g."status" <> 'failed' AND (g."status" <> 'canceled' OR g."started_at" IS NOT NULL)
GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO "usage_days" ("day", "generations")
SELECT "day", sum("generations") FROM "usage_model_days" GROUP BY 1;
--> statement-breakpoint
-- Completion → visible: every write a browser can see moves updated_at; at commit, instances
-- listening on this channel wake the status polls held for that generation (long-poll).
CREATE OR REPLACE FUNCTION "notify_generation_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('generation_changed', NEW."id");
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "generations_notify_changed" AFTER UPDATE ON "generations"
  FOR EACH ROW WHEN (OLD."updated_at" IS DISTINCT FROM NEW."updated_at")
  EXECUTE FUNCTION "notify_generation_changed"();
