import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { type OutputRow, ownGeneration, viewSelection } from "./queries";
import { generationOutputs, generations } from "./schema";
import type { Executor } from "./types";

// What a status poll reads (GET /api/generations/:id): the row's version alone, to answer 304
// without a body, and, when it changed, the row with its outputs in one statement.

// An owner does not see creates Replicate refused before anything started (the form already said
// so) nor what they deleted; admins (ownerId null) see every row.
const ownedBy = (id: string, ownerId: string | null) => (ownerId === null ? eq(generations.id, id) : ownGeneration(id, ownerId));

/**
 * What a generation's ETag is derived from: `updated_at` in microseconds, which every write that
 * changes what a browser sees moves (transitionGeneration stamps now(), outputs are written in
 * the same transaction). Text, so each driver returns it alike.
 */
const versionOf = sql<string>`(extract(epoch from ${generations.updatedAt}) * 1000000)::bigint::text`;

function prepareOwnVersionRead(db: Executor) {
  return db
    .select({ version: versionOf })
    .from(generations)
    .where(
      and(
        eq(generations.id, sql.placeholder("id")),
        eq(generations.ownerId, sql.placeholder("ownerId")),
        eq(generations.createRefused, false),
        isNull(generations.deletedAt),
      ),
    )
    .prepare("generation_version");
}

// The statement every status poll runs, prepared once per database client: rebuilding its SQL on
// each poll cost about as much as running it, and on PostgreSQL a named statement is also parsed
// and planned once per connection.
const ownVersionReads = new WeakMap<Executor, ReturnType<typeof prepareOwnVersionRead>>();

/** A generation's version alone: one primary-key read, so an unchanged poll costs no body. */
export async function getGenerationVersion(db: Executor, { id, ownerId }: { id: string; ownerId: string | null }) {
  if (ownerId === null) {
    const [row] = await db.select({ version: versionOf }).from(generations).where(ownedBy(id, null));
    return row?.version ?? null;
  }
  let read = ownVersionReads.get(db);
  if (!read) {
    read = prepareOwnVersionRead(db);
    ownVersionReads.set(db, read);
  }
  const [row] = await read.execute({ id, ownerId });
  return row?.version ?? null;
}

/**
 * A generation with its outputs (in index order) and version, scoped to an owner unless
 * `ownerId` is null (admin). One statement: the outputs come aggregated beside the row.
 */
export async function getGenerationWithOutputs(db: Executor, { id, ownerId }: { id: string; ownerId: string | null }) {
  const o = generationOutputs;
  const [row] = await db
    .select({
      ...viewSelection(),
      version: versionOf,
      outputs: sql<OutputRow[]>`coalesce((select json_agg(json_build_object('index', ${o.index}, 'url', ${o.url},
        'contentType', ${o.contentType}, 'width', ${o.width}, 'height', ${o.height}, 'variants', ${o.variants})
        order by ${o.index})
        from ${o} where ${o.generationId} = ${generations.id}), '[]'::json)`,
    })
    .from(generations)
    .where(ownedBy(id, ownerId));
  if (!row) return null;
  const { outputs, version, ...view } = row;
  return { row: view, outputs, version };
}
