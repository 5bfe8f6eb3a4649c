import "server-only";
import { and, desc, inArray, sql } from "drizzle-orm";
import { filterConditions, type ListParams, rowSelection } from "./admin-queries";
import { afterCursor, pageOf } from "./cursor";
import { generations } from "./schema";
import type { Executor } from "./types";

// Prompt search in the admin console, flat at any table size. A common word fills a page from the
// newest rows; a rare one must come from the trigram index (generations_prompt_trgm). One query
// cannot do both well: planned with ORDER BY … LIMIT, Postgres walks the newest rows hoping to
// fill the page soon, which for a rare word means reading the whole table. So:
//   1. the newest RECENT_WINDOW rows after the cursor are searched (a bounded walk of
//      generations_recent down to the window's last created_at); a full page there is the answer;
//   2. otherwise every match comes from the trigram index first (a subquery Postgres plans on its
//      own, OFFSET 0 keeping it apart from the LIMIT); only the matches are sorted, and only the
//      page's rows are read in full.

const RECENT_WINDOW = 2_000;
const g = generations;
/**
 * OFFSET 0 written as SQL: drizzle leaves a numeric 0 out of the query, and the fence with it.
 * Without it Postgres pulled the matches up into the page's ORDER BY … LIMIT whenever its sample
 * overestimated a rare word (ANALYZE put the word in one of 100 histogram bounds: 1% of rows),
 * and walked the newest rows instead: 96 ms against 1.4 ms at 100k rows on PGlite.
 */
const OFFSET_FENCE = sql`0` as unknown as number;

export async function searchAllGenerations(db: Executor, params: ListParams) {
  const { filters, cursor, limit } = params;
  // Where the window ends: the created_at of its last row (or nothing: the table is smaller).
  const windowEnd = sql`coalesce((select ${g.createdAt} from ${g} where ${afterCursor(cursor) ?? sql`true`}
    order by ${g.createdAt} desc, ${g.id} desc offset ${RECENT_WINDOW - 1} limit 1), '-infinity'::timestamptz)`;
  const recent = await db
    .select(rowSelection())
    .from(g)
    .where(and(...filterConditions(filters), afterCursor(cursor), sql`${g.createdAt} >= ${windowEnd}`))
    .orderBy(desc(g.createdAt), desc(g.id))
    .limit(limit + 1);
  if (recent.length > limit) return pageOf(recent, limit);

  // Every match (the trigram index), fenced off by OFFSET 0 so the planner cannot walk the list
  // index instead; sorted and cut to a page there, so only a page's rows are read in full.
  const matches = db
    .select({ id: g.id, createdAt: g.createdAt })
    .from(g)
    .where(and(...filterConditions(filters), afterCursor(cursor)))
    .offset(OFFSET_FENCE)
    .as("matches");
  const pageIds = db
    .select({ id: matches.id })
    .from(matches)
    .orderBy(desc(matches.createdAt), desc(matches.id))
    .limit(limit + 1);
  const rows = await db
    .select(rowSelection())
    .from(g)
    .where(inArray(g.id, pageIds))
    .orderBy(desc(g.createdAt), desc(g.id))
    .limit(limit + 1);
  return pageOf(rows, limit);
}
