import "server-only";
import { eq, lt } from "drizzle-orm";
import { webhookEvents } from "./schema";
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

/** Whether a webhook id is recorded (a delivery already applied). */
export async function webhookEventSeen(db: Executor, webhookId: string): Promise<boolean> {
  const rows = await db.select({ id: webhookEvents.webhookId }).from(webhookEvents).where(eq(webhookEvents.webhookId, webhookId));
  return rows.length > 0;
}

export async function pruneWebhookEvents(db: Executor, olderThan: Date): Promise<number> {
  const rows = await db
    .delete(webhookEvents)
    .where(lt(webhookEvents.receivedAt, olderThan))
    .returning({ id: webhookEvents.webhookId });
  return rows.length;
}
