import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { activeStatuses } from "@/shared/generation-status";
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

/** Runs hand-written SQL; every driver (pg, neon, PGlite) answers with `rows`. */
async function rowsOf<T>(db: Executor, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

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

function priceTable(prices: readonly ModelPrice[]) {
  const rows = prices.map((p) => sql`(${p.modelKey}::text, ${p.perSecondUsd}::float8, ${p.perOutputUsd}::float8)`);
  return sql`(values ${sql.join(rows, sql`, `)}) as price(model_key, per_second, per_output)`;
}

/**
 * Settles an ended generation's reservation to its real cost (reported predict time and stored
 * outputs at catalogue prices; 0 when it never started), once: the reservation is cleared in the
 * same statement. Failed ones and ones canceled before starting stop counting for their owner.
 * Returns whether anything was settled. The day row is locked before the model and owner rows
 * (they read its RETURNING), the order creates take them in, so the two never deadlock.
 */
export async function settleGenerationUsage(db: Executor, id: string, prices: readonly ModelPrice[]): Promise<boolean> {
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`
    with held as (
      -- The reservation as it was: RETURNING below answers the row after the update (null).
      select id, usage_reserved_usd as reserved from generations
      where id = ${id} and usage_reserved_usd is not null and status in ('succeeded', 'failed', 'canceled')
      for update
    ), ended as (
      update generations g set usage_reserved_usd = null
      from held where g.id = held.id
      returning g.id, (g.created_at at time zone 'utc')::date as day, g.model_key, g.owner_id, g.status, g.started_at,
        held.reserved, coalesce(g.predict_time, 0)::float8 as seconds
    ), cost as (
      select ended.*, outs.n as outputs,
        ended.seconds * coalesce(price.per_second, 0) + outs.n * coalesce(price.per_output, 0) as usd
      from ended
      cross join lateral (select count(*)::int as n from generation_outputs o where o.generation_id = ended.id) outs
      left join ${priceTable(prices)} on price.model_key = ended.model_key
    ), day_row as (
      update usage_days u set reserved_usd = greatest(u.reserved_usd - cost.reserved, 0), spent_usd = u.spent_usd + cost.usd
      from cost where u.day = cost.day returning u.day
    ), model_row as (
      update usage_model_days m set predict_seconds = m.predict_seconds + cost.seconds,
        outputs = m.outputs + cost.outputs, cost_usd = m.cost_usd + cost.usd
      from cost, day_row where m.day = cost.day and m.model_key = cost.model_key returning m.day
    ), owner_row as (
      update usage_owner_days o set generations = greatest(o.generations - 1, 0)
      from cost, day_row where o.day = cost.day and o.owner_id = cost.owner_id
        and (cost.status = 'failed' or (cost.status = 'canceled' and cost.started_at is null))
      returning o.day
    )
    select id from cost`,
  );
  return rows.length > 0;
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
