import { type SQL, sql } from "drizzle-orm";
import type { TestApp } from "./test-app";
import type { TestClient } from "./test-client";

// Fixtures shared by the cancel and admin tests: generations held running by the emulator, and
// direct reads of the app's database (the same client the route handlers use).

/** A prompt the emulator keeps in `starting` for minutes (cold start), whatever the time scale. */
export const heldPrompt = (text: string) => `${text} [cold-start:3600]`;

/** Creates a generation that stays running, and waits until Replicate has answered its create. */
export async function startHeldGeneration(client: TestClient, text: string, model = "sdxl-lightning") {
  const { res, body } = await client.create(model, { prompt: heldPrompt(text) });
  if (res.status !== 201) throw new Error(`create answered ${res.status}: ${JSON.stringify(body)}`);
  const running = await client.waitFor(body.id, ["starting", "processing"]);
  return running;
}

export async function dbRows<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
  const { getDb } = await import("../../src/lib/db/index");
  const result = (await (await getDb()).execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function generationRow(id: string) {
  const [row] = await dbRows<{
    id: string;
    owner_id: string;
    status: string;
    prediction_id: string | null;
    canceled_by: string | null;
    cancel_requested_at: unknown;
    predict_time: number | null;
  }>(
    sql`select id, owner_id, status, prediction_id, canceled_by, cancel_requested_at, predict_time from generations where id = ${id}`,
  );
  if (!row) throw new Error(`no generation ${id}`);
  return row;
}

export async function outputCount(id: string): Promise<number> {
  const [row] = await dbRows<{ n: number | string }>(
    sql`select count(*)::int as n from generation_outputs where generation_id = ${id}`,
  );
  return Number(row?.n ?? 0);
}

/** The emulator's log of cancel calls for one prediction. */
export async function cancelCalls(app: TestApp, predictionId: string) {
  return (await app.emulatorRequests()).filter((r) => r.method === "POST" && r.path === `/v1/predictions/${predictionId}/cancel`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
