import { date, doublePrecision, integer, text, timestamp } from "drizzle-orm/pg-core";

// Column builders the tables in schema.ts share, so one kind of column is spelled one way.

/** A timestamp with time zone. */
export const tz = (name: string) => timestamp(name, { withTimezone: true });

/** A timestamp the database sets when the row is written (created_at, received_at…). */
export const nowStamp = (name: string) => tz(name).notNull().defaultNow();

/** A count that starts at 0. */
export const counter = (name: string) => integer(name).notNull().default(0);

/** An amount (dollars, seconds) that starts at 0. */
export const amount = (name: string) => doublePrecision(name).notNull().default(0);

/** A UTC day as `YYYY-MM-DD`: the key of the per-day usage tables. */
export const utcDay = () => date("day", { mode: "string" });

/** The owner a row belongs to (the owner cookie's id). */
export const ownerColumn = () => text("owner_id").notNull();

/** A catalogue key (models.ts). */
export const modelKeyColumn = () => text("model_key").notNull();
