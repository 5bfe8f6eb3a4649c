import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { generationStatuses } from "@/shared/generation-status";
import { amount, counter, modelKeyColumn, nowStamp, ownerColumn, tz, utcDay } from "./columns";
import { uploads } from "./schema-uploads";

export * from "./schema-uploads";

/**
 * Generations started together by one request: N seeds of one model ("variations") or one
 * prompt on 2–4 models ("compare"). A compare group has its own page and one gallery entry.
 */
export const generationGroups = pgTable(
  "generation_groups",
  {
    id: text("id").primaryKey(),
    ownerId: ownerColumn(),
    kind: text("kind", { enum: ["variations", "compare"] }).notNull(),
    createdAt: nowStamp("created_at"),
  },
  (t) => [index("generation_groups_owner").on(t.ownerId)],
);

export type GenerationGroup = typeof generationGroups.$inferSelect;

export const generations = pgTable(
  "generations",
  {
    id: text("id").primaryKey(),
    ownerId: ownerColumn(),
    modelKey: modelKeyColumn(),
    /** The pinned reference used (`owner/name:hash`), or the version an official model reported. */
    version: text("version").notNull(),
    input: jsonb("input").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: generationStatuses }).notNull().default("queued"),
    predictionId: text("prediction_id").unique(),
    error: text("error"),
    progress: real("progress").notNull().default(0),
    logsTail: text("logs_tail"),
    /** Length of the full log text the tail was cut from: logs only ever grow. */
    logsLength: counter("logs_length"),
    predictTime: real("predict_time"),
    idempotencyKey: text("idempotency_key"),
    cancelRequestedAt: tz("cancel_requested_at"),
    canceledBy: text("canceled_by", { enum: ["owner", "admin"] }),
    /** Last time the reconciler asked Replicate about this row (at most one GET per interval). */
    reconciledAt: tz("reconciled_at"),
    /** Failed attempts to settle it (GETs that failed, outputs that could not be copied): bounded. */
    settleFailures: counter("settle_failures"),
    /**
     * Its recorded prediction must be canceled on Replicate (it runs, billed, for a generation
     * that will not use it): requested once, retried until confirmed by a cancel answer, a 404 or
     * a final event. Never requested twice, so late events of a canceled prediction cancel nothing.
     */
    predictionCancelRequestedAt: tz("prediction_cancel_requested_at"),
    predictionCancelConfirmedAt: tz("prediction_cancel_confirmed_at"),
    /**
     * The create's answer was lost and no prediction is recorded: until then the reconciler looks
     * for the prediction it may have started in Replicate's list, to cancel it.
     */
    lostPredictionSearchUntil: tz("lost_prediction_search_until"),
    /** Replicate refused the create before anything started: hidden from its owner, kept for admins. */
    createRefused: boolean("create_refused").notNull().default(false),
    /**
     * Who is copying the outputs right now, and until when (a lease): only its holder writes or
     * deletes this generation's files, so no delete races a commit and no output is fetched twice
     * at once. Left behind by a crash, it tells the sweeper where stray files may be.
     */
    outputsClaim: text("outputs_claim"),
    outputsClaimedUntil: tz("outputs_claimed_until"),
    /** A short hash of the creating client's address (src/lib/auth/client-address.ts): per-address limits. */
    clientKey: text("client_key"),
    /**
     * The estimated cost still reserved against its day's budget (usage_days.reserved_usd); set
     * null when the generation ends and the reservation is settled to its real cost (null too on
     * rows from before the usage record).
     */
    usageReservedUsd: doublePrecision("usage_reserved_usd"),
    /** The group it was started with (variations or compare), if any. */
    groupId: text("group_id").references(() => generationGroups.id),
    /** Starred by its owner. */
    favourite: boolean("favourite").notNull().default(false),
    /** Deleted by its owner: its files are gone and it is out of every owner view; admins still see the row. */
    deletedAt: tz("deleted_at"),
    /** Chaining: the generation whose output this one started from, and which of its outputs. */
    parentGenerationId: text("parent_generation_id"),
    parentOutputIndex: integer("parent_output_index"),
    createdAt: nowStamp("created_at"),
    startedAt: tz("started_at"),
    completedAt: tz("completed_at"),
    /** Set to now() by every write a browser can see: a status poll's ETag is derived from it. */
    updatedAt: nowStamp("updated_at"),
  },
  (t) => [
    uniqueIndex("generations_owner_idempotency_key").on(t.ownerId, t.idempotencyKey),
    // The lists read newest first: `order by created_at desc, id desc`, which Postgres sorts
    // NULLS FIRST. An index serves an ORDER BY only when its null order agrees (even on NOT NULL
    // columns), so every list index says nullsFirst(); drizzle's default would be NULLS LAST.
    // text_pattern_ops: the same index serves `owner_id = $1` (the owner's list) and the admin
    // console's owner-prefix filter (`owner_id like 'own_ab%'`) under any collation.
    index("generations_owner_recent").on(
      t.ownerId.op("text_pattern_ops"),
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("generations_status_recent").on(t.status, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("generations_model_recent").on(t.modelKey, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("generations_recent").on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The admin console's "Deleted: only" filter: deleted rows alone, newest first, however few.
    index("generations_deleted_recent")
      .on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.deletedAt} is not null`),
    index("generations_stale_active").on(t.updatedAt).where(sql`${t.status} in ('queued', 'starting', 'processing')`),
    index("generations_cancel_pending")
      .on(t.predictionCancelRequestedAt)
      .where(sql`${t.predictionCancelRequestedAt} is not null and ${t.predictionCancelConfirmedAt} is null`),
    index("generations_lost_prediction_search")
      .on(t.lostPredictionSearchUntil)
      .where(sql`${t.lostPredictionSearchUntil} is not null`),
    // Per-address limits: a client's creates of the last minute (MAX_CREATES_PER_ADDRESS_PER_MINUTE).
    index("generations_client_recent").on(t.clientKey, t.createdAt).where(sql`${t.clientKey} is not null`),
    // Ended generations whose reservation was not settled (a crash between the two): the reconciler settles them.
    index("generations_usage_unsettled").on(t.updatedAt).where(sql`${t.usageReservedUsd} is not null`),
    index("generations_outputs_claimed").on(t.outputsClaimedUntil).where(sql`${t.outputsClaim} is not null`),
    // The admin summary's "failures in the last hour" (countFailuresSince): failed rows only, by
    // when they failed, so it reads the last hour's failures and not every failure ever.
    index("generations_failed_recent").on(sql`coalesce(${t.completedAt}, ${t.updatedAt})`).where(sql`${t.status} = 'failed'`),
    // Prompt search (ILIKE '%text%') through trigrams: needs the pg_trgm extension (migration
    // 0003_pg_trgm; PGlite loads it in drivers.ts).
    index("generations_prompt_trgm").using("gin", sql`(${t.input}->>'prompt') gin_trgm_ops`),
    index("generations_group").on(t.groupId).where(sql`${t.groupId} is not null`),
    // The lineage's "children" of a generation.
    index("generations_parent").on(t.parentGenerationId).where(sql`${t.parentGenerationId} is not null`),
    check("generations_progress_range", sql`${t.progress} >= 0 and ${t.progress} <= 1`),
  ],
);

export type Generation = typeof generations.$inferSelect;
export type NewGeneration = typeof generations.$inferInsert;

export type OutputVariant = { width: number; height: number; key: string; url: string; bytes: number };

export const generationOutputs = pgTable(
  "generation_outputs",
  {
    generationId: text("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    index: integer("index").notNull(),
    storageKey: text("storage_key").notNull(),
    url: text("url").notNull(),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    width: integer("width"),
    height: integer("height"),
    /** Smaller WebP copies for galleries (widths below the original's), stored beside it and deleted with it. */
    variants: jsonb("variants").$type<OutputVariant[]>().notNull().default([]),
    createdAt: nowStamp("created_at"),
  },
  (t) => [primaryKey({ columns: [t.generationId, t.index] })],
);

export type GenerationOutput = typeof generationOutputs.$inferSelect;
export type NewGenerationOutput = typeof generationOutputs.$inferInsert;

/** Dedupe log of webhook deliveries (pruned: Replicate never retries later than minutes after). */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    webhookId: text("webhook_id").primaryKey(),
    generationId: text("generation_id").notNull(),
    status: text("status").notNull(),
    receivedAt: nowStamp("received_at"),
  },
  (t) => [index("webhook_events_received").on(t.receivedAt)],
);

/**
 * Fixed-window counters shared by every instance (sign-in throttling). Keys are short hashes,
 * never raw client input; a window past `expires_at` counts as empty and is pruned.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    windowStartedAt: tz("window_started_at").notNull(),
    /** When the window ends; rows from before this column existed are expired at once. */
    expiresAt: nowStamp("expires_at"),
  },
  (t) => [index("rate_limits_expires").on(t.expiresAt)],
);

/**
 * Signed-in admin sessions, checked on every admin request so that signing out (the row is
 * deleted) or changing ADMIN_PASSWORD (the fingerprint no longer matches) ends them at once.
 * The cookie holds a random token; only its SHA-256 is stored.
 */
export const adminSessions = pgTable(
  "admin_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    /** A slow hash (scrypt) of the password the session was opened with. */
    passwordFingerprint: text("password_fingerprint").notNull(),
    createdAt: nowStamp("created_at"),
    expiresAt: tz("expires_at").notNull(),
  },
  (t) => [index("admin_sessions_expires").on(t.expiresAt)],
);

/**
 * The per-day usage record (UTC days), shared by every instance: the global budget's reservations
 * and settled spend, and how many generations were created. Each create locks its day's row, so
 * the global limits are checked and reserved one create at a time across all instances.
 */
export const usageDays = pgTable("usage_days", {
  day: utcDay().primaryKey(),
  /** Estimated cost of the day's generations that have not ended yet. */
  reservedUsd: amount("reserved_usd"),
  /** Real cost (catalogue prices × reported predict time and stored outputs) of the ended ones. */
  spentUsd: amount("spent_usd"),
  generations: counter("generations"),
});

/** The day's usage per model: the admin summary's figures, without reading generations. */
export const usageModelDays = pgTable(
  "usage_model_days",
  {
    day: utcDay().notNull(),
    modelKey: modelKeyColumn(),
    generations: counter("generations"),
    predictSeconds: amount("predict_seconds"),
    outputs: counter("outputs"),
    costUsd: amount("cost_usd"),
  },
  (t) => [primaryKey({ columns: [t.day, t.modelKey] })],
);

/**
 * The day's generations per owner that count against MAX_DAILY_PER_OWNER (failed ones and ones
 * canceled before starting are taken off when they end). Pruned after a few days.
 */
export const usageOwnerDays = pgTable(
  "usage_owner_days",
  {
    day: utcDay().notNull(),
    ownerId: ownerColumn(),
    generations: counter("generations"),
  },
  (t) => [primaryKey({ columns: [t.day, t.ownerId] })],
);

/**
 * One row per generation its owner deleted: who, when, and which stored files were removed. Kept
 * for admins after the files are gone (the generation row stays too, marked deleted).
 */
export const generationDeletions = pgTable(
  "generation_deletions",
  {
    generationId: text("generation_id").primaryKey(),
    ownerId: ownerColumn(),
    modelKey: modelKeyColumn(),
    status: text("status").notNull(),
    removedKeys: jsonb("removed_keys").$type<string[]>().notNull(),
    deletedAt: nowStamp("deleted_at"),
  },
  (t) => [index("generation_deletions_recent").on(t.deletedAt)],
);

/**
 * The uploads each generation was made from: they stay stored as long as it does. Deleting a
 * generation deletes its links; an upload is never deleted while a link names it.
 */
export const generationUploads = pgTable(
  "generation_uploads",
  {
    generationId: text("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    uploadId: text("upload_id")
      .notNull()
      .references(() => uploads.id),
  },
  (t) => [primaryKey({ columns: [t.generationId, t.uploadId] }), index("generation_uploads_upload").on(t.uploadId)],
);
