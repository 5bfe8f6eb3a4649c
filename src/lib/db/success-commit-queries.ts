import "server-only";
import { sql } from "drizzle-orm";
import type { GenerationStatus } from "@/shared/generation-status";
import { rowsOf } from "./raw-rows";
import type { NewGenerationOutput } from "./schema";
import { type Transition, transitionUpdate } from "./transition-queries";
import type { Executor } from "./types";

// A success and its outputs committed by one statement: one round trip, no interactive
// transaction. The state machine's UPDATE runs first (a CTE); only if it applied are the webhook
// id recorded and the output rows written, and one statement is all or nothing.

export type MovedGeneration = { id: string; status: GenerationStatus; predictionId: string | null; predictTime: number | null };
type Event = { webhookId: string; generationId: string; status: string };

/** The transition (only for an unseen webhook id, with `event`), its webhook id and its outputs; null when it did not apply. */
export async function commitTransitionWithOutputs(
  db: Executor,
  id: string,
  t: Transition,
  event: Event | null,
  outputs: NewGenerationOutput[],
): Promise<MovedGeneration | null> {
  const moved = transitionUpdate(db, id, event ? { ...t, unseenWebhookId: event.webhookId } : t);
  const values = outputs.map(
    (o) =>
      sql`(${o.generationId}, ${o.index}::int, ${o.storageKey}, ${o.url}, ${o.contentType}, ${o.bytes}::int, ${o.width ?? null}::int, ${o.height ?? null}::int, ${JSON.stringify(o.variants ?? [])}::jsonb)`,
  );
  const recorded = event
    ? sql`, recorded as (
        insert into webhook_events (webhook_id, generation_id, status)
        select ${event.webhookId}, ${event.generationId}, ${event.status} from moved
        on conflict do nothing returning webhook_id
      )`
    : sql``;
  const [row] = await rowsOf<{
    id: string;
    status: GenerationStatus;
    prediction_id: string | null;
    predict_time: number | string | null;
  }>(
    db,
    sql`
    with moved as (${moved.getSQL()})${recorded}, written as (
      insert into generation_outputs (generation_id, index, storage_key, url, content_type, bytes, width, height, variants)
      select v.* from (values ${sql.join(values, sql`, `)}) as v(generation_id, index, storage_key, url, content_type, bytes, width, height, variants)
      where exists (select 1 from moved)
      on conflict (generation_id, index) do update set storage_key = excluded.storage_key, url = excluded.url,
        content_type = excluded.content_type, bytes = excluded.bytes, width = excluded.width, height = excluded.height,
        variants = excluded.variants
      returning 1
    )
    select id, status, prediction_id, predict_time from moved`,
  );
  if (!row) return null;
  const predictTime = row.predict_time === null ? null : Number(row.predict_time);
  return { id: row.id, status: row.status, predictionId: row.prediction_id, predictTime };
}
