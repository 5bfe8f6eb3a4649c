import "server-only";
import { sql } from "drizzle-orm";
import { activeStatuses } from "@/shared/generation-status";
import { rowsOf } from "./raw-rows";
import type { Executor, Tx } from "./types";

// The per-day usage record (usage_days, usage_model_days, usage_owner_days): what a create checks
// and reserves, and what an ended generation settles. Days are UTC days of the transaction's
// now(), the same instant a new row's created_at gets, so a reservation and its settlement
// always name the same day. The SQL is hand-written: one statement per step, CTEs included.

const TODAY = sql`(now() at time zone 'utc')::date`;
const ACTIVE = sql.join(
  activeStatuses.map((s) => sql`${s}`),
  sql`, `,
);

export type DayUsage = { reservedUsd: number; spentUsd: number };

/**
 * Locks today's usage row (creating it), and returns it. Every create takes this lock before its
 * checks and holds it until it commits, so the global limits are checked and reserved one create
 * at a time, on every instance sharing the database.
 */
export async function lockUsageDay(tx: Tx): Promise<DayUsage> {
  const rows = await rowsOf<{ reserved_usd: number; spent_usd: number }>(
    tx,
    sql`
    insert into usage_days (day) values (${TODAY})
    on conflict (day) do update set day = excluded.day
    returning reserved_usd, spent_usd`,
  );
  const row = rows[0];
  return { reservedUsd: Number(row?.reserved_usd ?? 0), spentUsd: Number(row?.spent_usd ?? 0) };
}

export type RunningCounts = { owner: number; address: number; global: number };

/** Generations running now: the owner's, the address's and everyone's (active rows only: a partial index). */
export async function countRunning(db: Executor, { ownerId, clientKey }: { ownerId: string; clientKey: string }) {
  const rows = await rowsOf<{ owner: number; address: number; global: number }>(
    db,
    sql`
    select count(*) filter (where owner_id = ${ownerId})::int as owner,
           count(*) filter (where client_key = ${clientKey})::int as address,
           count(*)::int as global
    from generations where status in (${ACTIVE})`,
  );
  const row = rows[0];
  return { owner: Number(row?.owner ?? 0), address: Number(row?.address ?? 0), global: Number(row?.global ?? 0) };
}

/**
 * The address's creates in the last minute, counted up to `atMost` (the limit: no more are read),
 * and how many seconds until the oldest of them leaves the window.
 */
export async function recentCreatesForAddress(db: Executor, clientKey: string, atMost: number) {
  const rows = await rowsOf<{ n: number; wait: number | null }>(
    db,
    sql`
    select count(*)::int as n, ceil(extract(epoch from (min(created_at) + interval '1 minute' - now())))::int as wait
    from (select created_at from generations
          where client_key = ${clientKey} and created_at > now() - interval '1 minute'
          order by created_at desc limit ${atMost}) recent`,
  );
  const row = rows[0];
  return { count: Number(row?.n ?? 0), secondsUntilFree: Math.max(1, Number(row?.wait ?? 1)) };
}

/** The owner's generations today that count against MAX_DAILY_PER_OWNER. */
export async function ownerGenerationsToday(db: Executor, ownerId: string): Promise<number> {
  const rows = await rowsOf<{ generations: number }>(
    db,
    sql`
    select generations from usage_owner_days where day = ${TODAY} and owner_id = ${ownerId}`,
  );
  return Number(rows[0]?.generations ?? 0);
}

/** Adds a new generation's estimate to today's reservations and counts it (caller holds the day lock). */
export async function reserveUsage(tx: Tx, { ownerId, modelKey, usd }: { ownerId: string; modelKey: string; usd: number }) {
  await tx.execute(sql`
    with day_row as (
      update usage_days set reserved_usd = reserved_usd + ${usd}, generations = generations + 1
      where day = ${TODAY} returning day
    ), model_row as (
      insert into usage_model_days (day, model_key, generations) values (${TODAY}, ${modelKey}, 1)
      on conflict (day, model_key) do update set generations = usage_model_days.generations + 1
      returning day
    )
    insert into usage_owner_days (day, owner_id, generations) values (${TODAY}, ${ownerId}, 1)
    on conflict (day, owner_id) do update set generations = usage_owner_days.generations + 1`);
}

export type ModelPrice = { modelKey: string; perSecondUsd: number; perOutputUsd: number };

/** The prices as the settling function takes them. */
const pricesParam = (prices: readonly ModelPrice[]) =>
  JSON.stringify(prices.map((p) => ({ model_key: p.modelKey, per_second: p.perSecondUsd, per_output: p.perOutputUsd })));

/**
 * Settles an ended generation's reservation to its real cost (reported predict time and stored
 * outputs at catalogue prices; 0 when it never started), once: the reservation is cleared in the
 * same statement. Failed ones and ones canceled before starting stop counting for their owner.
 * Returns whether anything was settled. The statement is a database function (migration 0008):
 * planned once per connection, not on every call.
 */
export async function settleGenerationUsage(db: Executor, id: string, prices: readonly ModelPrice[]): Promise<boolean> {
  const rows = await rowsOf<{ settled: boolean }>(
    db,
    sql`select settle_generation_usage(${id}, ${pricesParam(prices)}::jsonb) as settled`,
  );
  return rows[0]?.settled === true;
}

/** Ended generations whose reservation is still held (a crash between ending and settling). */
export async function unsettledEndedGenerationIds(db: Executor, limit: number): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`
    select id from generations
    where usage_reserved_usd is not null and status in ('succeeded', 'failed', 'canceled')
    order by updated_at limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

/** Owner counts of days before `keepFrom` (a UTC date, yyyy-mm-dd): only today's are read. */
export async function pruneOwnerUsage(db: Executor, keepFrom: string): Promise<void> {
  await db.execute(sql`delete from usage_owner_days where day < ${keepFrom}::date`);
}

export type ModelDayUsage = { modelKey: string; generations: number; predictSeconds: number; outputs: number; costUsd: number };

/** Today's usage per model, and the day's reservations and spend: the admin summary's figures. */
export async function usageToday(db: Executor): Promise<{ byModel: ModelDayUsage[]; day: DayUsage }> {
  const [models, days] = await Promise.all([
    rowsOf<{ model_key: string; generations: number; predict_seconds: number; outputs: number; cost_usd: number }>(
      db,
      sql`
      select model_key, generations, predict_seconds, outputs, cost_usd from usage_model_days where day = ${TODAY}`,
    ),
    rowsOf<{ reserved_usd: number; spent_usd: number }>(
      db,
      sql`
      select reserved_usd, spent_usd from usage_days where day = ${TODAY}`,
    ),
  ]);
  return {
    byModel: models.map((r) => ({
      modelKey: r.model_key,
      generations: Number(r.generations),
      predictSeconds: Number(r.predict_seconds),
      outputs: Number(r.outputs),
      costUsd: Number(r.cost_usd),
    })),
    day: { reservedUsd: Number(days[0]?.reserved_usd ?? 0), spentUsd: Number(days[0]?.spent_usd ?? 0) },
  };
}
