import "server-only";
import { lt, sql } from "drizzle-orm";
import { type NewGenerationOutput, webhookEvents } from "./schema";
import type { Executor } from "./types";

// The webhook dedupe log: one row per delivered webhook id, pruned after a day.

/** Claims a webhook id; false when it was already recorded (a duplicate delivery). */
export async function recordWebhookEvent(
  db: Executor,
  event: { webhookId: string; generationId: string; status: string },
): Promise<boolean> {
  const rows = await db.insert(webhookEvents).values(event).onConflictDoNothing().returning({ id: webhookEvents.webhookId });
  return rows.length > 0;
}

/**
 * Claims a webhook id and, only if it was new, writes its outputs: one statement (one round trip
 * of the webhook's commit). False when the id was already recorded (nothing written).
 */
export async function recordWebhookEventWithOutputs(
  db: Executor,
  event: { webhookId: string; generationId: string; status: string },
  outputs: NewGenerationOutput[],
): Promise<boolean> {
  const rows = outputs.map(
    (o) =>
      sql`(${o.generationId}, ${o.index}::int, ${o.storageKey}, ${o.url}, ${o.contentType}, ${o.bytes}::int, ${o.width ?? null}::int, ${o.height ?? null}::int, ${JSON.stringify(o.variants ?? [])}::jsonb)`,
  );
  const result = (await db.execute(sql`
    with claimed as (
      insert into webhook_events (webhook_id, generation_id, status)
      values (${event.webhookId}, ${event.generationId}, ${event.status})
      on conflict do nothing returning webhook_id
    ), written as (
      insert into generation_outputs (generation_id, index, storage_key, url, content_type, bytes, width, height, variants)
      select v.* from (values ${sql.join(rows, sql`, `)}) as v(generation_id, index, storage_key, url, content_type, bytes, width, height, variants)
      where exists (select 1 from claimed)
      on conflict (generation_id, index) do update set storage_key = excluded.storage_key, url = excluded.url,
        content_type = excluded.content_type, bytes = excluded.bytes, width = excluded.width, height = excluded.height,
        variants = excluded.variants
      returning 1
    )
    select count(*)::int as claimed from claimed`)) as unknown as { rows: { claimed: number }[] };
  return Number(result.rows[0]?.claimed ?? 0) > 0;
}

export async function pruneWebhookEvents(db: Executor, olderThan: Date): Promise<number> {
  const rows = await db
    .delete(webhookEvents)
    .where(lt(webhookEvents.receivedAt, olderThan))
    .returning({ id: webhookEvents.webhookId });
  return rows.length;
}
