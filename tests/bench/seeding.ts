import { bulkSeedGenerations, type SqlRunner, seedGenerations, startOfUtcToday } from "../helpers/seed-generations";
import { type BenchDatabase, withDatabase } from "./database";
import { type BenchOwner, generationsOf } from "./fixtures";

// The databases of a run: "small" (~1k rows and every fixture the requests need), "big"
// (BENCH_ROWS rows, with the same poll owner's 100 generations), and two copies of big: "busy"
// (20k more created today) and "quiet" (nothing added: the busy day's control). All serve at
// once, so each comparison takes turns in time.

export type BenchOwners = { poll: BenchOwner; gallery: BenchOwner; hooks: BenchOwner; stale: BenchOwner };

export const count = async (r: SqlRunner, where = "true") =>
  Number((await r.rows<{ n: string }>(`select count(*) as n from generations where ${where}`))[0]?.n ?? 0);
const createdToday = (r: SqlRunner) => count(r, `created_at >= '${startOfUtcToday().toISOString()}'`);

/**
 * What the app's own creates would have recorded for the seeded rows: a reservation on each
 * running one, and today's per-day usage record (so settling and the summary do their real work).
 */
async function recordUsage(r: SqlRunner) {
  await r.exec(`
    update generations set usage_reserved_usd = 0.000725 where status in ('queued', 'starting', 'processing');
    delete from usage_model_days; delete from usage_owner_days; delete from usage_days;
    insert into usage_model_days (day, model_key, generations, predict_seconds)
      select (created_at at time zone 'utc')::date, model_key, count(*), coalesce(sum(predict_time), 0)
      from generations where created_at >= '${startOfUtcToday().toISOString()}' group by 1, 2;
    insert into usage_owner_days (day, owner_id, generations)
      select (created_at at time zone 'utc')::date, owner_id, count(*)
      from generations where created_at >= '${startOfUtcToday().toISOString()}' group by 1, 2;
    insert into usage_days (day, generations, reserved_usd)
      select day, sum(generations), 0 from usage_model_days group by 1;
    update usage_days set reserved_usd = (select coalesce(sum(usage_reserved_usd), 0) from generations);`);
}

export function seedSmall(db: BenchDatabase, owners: BenchOwners, { rows, webhooks }: { rows: number; webhooks: number }) {
  return withDatabase(db, async (r) => {
    await bulkSeedGenerations(r, { rows, batch: "base" });
    await seedGenerations(r, { rows: 100, batch: "poll", ownerIds: [owners.poll.id], days: 30 });
    await seedGenerations(r, { rows: 24, batch: "gallery", ownerIds: [owners.gallery.id], days: 1, outcome: "succeeded" });
    await seedGenerations(r, { rows: webhooks, batch: "hooks", ownerIds: [owners.hooks.id], outcome: "running" });
    await seedGenerations(r, { rows: 200, batch: "stale", ownerIds: [owners.stale.id], outcome: "succeeded" });
    await recordUsage(r);
    await r.exec("analyze");
    return {
      rows: await count(r),
      poll: (await generationsOf(r, owners.poll.id)).map((g) => g.id),
      gallery: (await generationsOf(r, owners.gallery.id)).map((g) => g.id),
      fresh: await generationsOf(r, owners.hooks.id),
      stale: await generationsOf(r, owners.stale.id),
    };
  });
}

export function seedBig(db: BenchDatabase, owners: BenchOwners, rows: number) {
  return withDatabase(db, async (r) => {
    await seedGenerations(r, { rows: 100, batch: "big-poll", ownerIds: [owners.poll.id], days: 30 });
    await bulkSeedGenerations(r, { rows: rows - 100, batch: "big" });
    await recordUsage(r);
    return {
      rows: await count(r),
      today: await createdToday(r),
      poll: (await generationsOf(r, owners.poll.id)).map((g) => g.id),
    };
  });
}

export function seedBusyDay(db: BenchDatabase, rows: number) {
  return withDatabase(db, async (r) => {
    const now = new Date();
    const days = (now.getTime() - startOfUtcToday(now).getTime()) / 86_400_000;
    await bulkSeedGenerations(r, { rows, batch: "today", endsAt: now, days });
    await recordUsage(r);
    return { rows: await count(r), today: await createdToday(r) };
  });
}

/** Records each gallery generation's sized copies on its output row, as the app does when it stores an output. */
export function attachVariants(db: BenchDatabase, ids: string[], variantsOf: (id: string) => unknown[]) {
  return withDatabase(db, async (r) => {
    for (const id of ids) {
      await r.rows("update generation_outputs set variants = $2::jsonb where generation_id = $1 and index = 0", [
        id,
        JSON.stringify(variantsOf(id)),
      ]);
    }
  });
}
