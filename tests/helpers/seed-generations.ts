import { models, pinnedRef } from "../../src/lib/replicate/models";

// Realistic generations in bulk, for the query-plan tests and `npm run bench`: set-based SQL
// (generate_series), never row by row, so a million rows take seconds on PostgreSQL. Rows look
// like the product's own: many owners, the catalogue's models in uneven shares, mostly
// succeeded with a stored output each, some failed or canceled, prompts from a vocabulary.

/** Runs SQL on PGlite or PostgreSQL alike (tests/helpers/sql-runner.ts). */
export type SqlRunner = {
  exec(sql: string): Promise<void>;
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

export type SeedOptions = {
  rows: number;
  /** Makes ids unique across calls (any short word). */
  batch: string;
  /** Rows are spread over this many days before `endsAt` (default 365). */
  days?: number;
  /** Newest possible created_at (default: the start of today, UTC: no row counts as today). */
  endsAt?: Date;
  /** How many distinct owners share the rows (default rows / 20: 20 generations each). */
  owners?: number;
  /** These owners' ids instead (rows dealt round-robin), e.g. owners a benchmark has cookies for. */
  ownerIds?: string[];
  /** The usual mix (default), every row succeeded, or every row still running (a webhook's target). */
  outcome?: "mixed" | "succeeded" | "running";
};

/** A word in about 0.1% of prompts (searching for it finds few rows); SEED_COMMON_WORD in about 7%. */
export const SEED_RARE_WORD = "aurora";
export const SEED_COMMON_WORD = "lighthouse";
/** The catalogue model seeded rarely (1%), so filtering on it must use its index. */
export const SEED_RARE_MODEL = "sdxl";

// Prompts are "a <adjective> <noun> <place>, <style>": each word in about 1/15 of them.
const adjectives = "misty golden ancient neon quiet stormy tiny vast frozen glowing rusty lush hazy bright silent".split(" ");
const nouns = `${SEED_COMMON_WORD} castle fox robot garden city forest dragon harbor cat mountain train library owl desert`.split(
  " ",
);
const places = "at dawn|under the stars|in the rain|by the sea|in winter|at sunset|in a dream|on mars|in fog|at noon".split("|");
const styles = "oil painting|watercolor|photograph, 35mm|digital art|pencil sketch|isometric render|cinematic lighting".split(
  "|",
);

const sqlArray = (words: string[]) => `array[${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(",")}]`;
const pick = (words: string[]) => `(${sqlArray(words)})[1 + floor(random() * ${words.length})::int]`;

const CHUNK = 100_000;

export function startOfUtcToday(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Inserts `rows` generations (and their outputs) in chunks of 100k statements. */
export async function seedGenerations(db: SqlRunner, options: SeedOptions): Promise<void> {
  const days = options.days ?? 365;
  const endsAt = (options.endsAt ?? startOfUtcToday()).toISOString();
  const owners = Math.max(1, options.owners ?? Math.ceil(options.rows / 20));
  const versions = Object.fromEntries(models.map((m) => [m.key, pinnedRef(m)]));
  const version = (key: string) => `'${versions[key]}'`;
  const owner = options.ownerIds
    ? `(${sqlArray(options.ownerIds)})[1 + i % ${options.ownerIds.length}]`
    : `'own_' || left(md5('${options.batch}:owner:' || (i % ${owners})), 22)`;
  // r picks the outcome: 8% failed, 4% canceled, the rest succeeded (or all running).
  const r = { mixed: "r", succeeded: "0.5", running: "2" }[options.outcome ?? "mixed"];
  await db.exec("select setseed(0.4242)");
  for (let from = 1; from <= options.rows; from += CHUNK) {
    const to = Math.min(options.rows, from + CHUNK - 1);
    await db.exec(`
      with s as (
        select i, r, m, ${pick(adjectives)} as adj, ${pick(nouns)} as noun, ${pick(places)} as place, ${pick(styles)} as style,
          '${endsAt}'::timestamptz - (random() * ${days} * interval '1 day') - interval '1 second' as created
        from (select i, random() as r, random() as m from generate_series(${from}, ${to}) as i) as base
      ), g as (
        insert into generations (id, owner_id, model_key, version, input, status, prediction_id, error, progress,
          predict_time, created_at, started_at, completed_at, updated_at)
        select
          'gen_' || left(md5('${options.batch}:' || i), 22),
          ${owner},
          case when m < 0.01 then '${SEED_RARE_MODEL}' when m < 0.35 then 'flux-schnell' else 'sdxl-lightning' end,
          case when m < 0.01 then ${version(SEED_RARE_MODEL)} when m < 0.35 then ${version("flux-schnell")} else ${version("sdxl-lightning")} end,
          jsonb_build_object('prompt', 'a ' || adj || ' ' || noun || ' ' || place || ', ' || style
              || case when i % 1000 = 7 then ' ${SEED_RARE_WORD}' else '' end,
            'width', 1024, 'height', 1024, 'num_outputs', 1, 'seed', (i::bigint * 7919) % 2147483647),
          case when ${r} < 0.08 then 'failed' when ${r} < 0.12 then 'canceled' when ${r} < 1 then 'succeeded' else 'processing' end,
          'p' || left(md5('${options.batch}:pred:' || i), 24),
          case when ${r} < 0.08 then 'CUDA out of memory. Try a smaller image.' end,
          case when ${r} < 0.12 or ${r} >= 1 then 0.4 else 1 end,
          case when ${r} < 0.12 or ${r} >= 1 then null else 0.8 + 3 * random() end,
          created, created + interval '2 seconds',
          case when ${r} < 1 then created + interval '6 seconds' end, created + interval '6 seconds'
        from s
        returning id, status, completed_at
      )
      insert into generation_outputs (generation_id, index, storage_key, url, content_type, bytes, width, height, created_at)
      select id, 0, 'generations/' || id || '/0.png', '/api/files/generations/' || id || '/0.png', 'image/png',
        1400000 + (length(id) * 997) % 200000, 1024, 1024, completed_at
      from g where status = 'succeeded'`);
  }
}

/**
 * Bulk-loads like a restore does: drops the secondary indexes of `generations`, seeds, then
 * rebuilds them from their own definitions (sorting once beats updating eight indexes per row)
 * and VACUUM ANALYZEs, so the planner sees the new sizes at once.
 */
export async function bulkSeedGenerations(db: SqlRunner, options: SeedOptions): Promise<void> {
  const indexes = await db.rows<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
     where i.tablename = 'generations' and i.schemaname = current_schema()
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  for (const { name } of indexes) await db.exec(`drop index "${name}"`);
  try {
    await seedGenerations(db, options);
  } finally {
    for (const { def } of indexes) await db.exec(def);
  }
  // As autovacuum would have by now: statistics, and the visibility map index-only scans use.
  // One statement per call: VACUUM refuses to run inside a multi-statement (implicit) transaction.
  await db.exec("vacuum analyze generations");
  await db.exec("vacuum analyze generation_outputs");
}
