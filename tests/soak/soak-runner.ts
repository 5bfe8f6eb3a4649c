import { sql } from "drizzle-orm";
import { getDb } from "../../src/lib/db/index";
import { countActiveForOwner, countTodayForOwner } from "../../src/lib/db/quota-queries";
import { startOfUtcDay } from "../../src/shared/time";
import { dbRows } from "../helpers/db-inspect";
import type { TestApp } from "../helpers/test-app";
import type { TestClient } from "../helpers/test-client";
import type { Job } from "./fault-draw";

// Plays the soak's jobs the way owners would: each owner sends its jobs one after another (waiting
// for a running slot when the app says so), cancels or forgets when the job says so, and checks
// the quotas at the moment each create is answered, when the product's own counts are exact.

export type Limits = { running: number; daily: number; wedgeMs: number };

export type RunLog = {
  createAnswers: Record<string, number>;
  cancelAnswers: Record<string, number>;
  /** Generation ids the app answered 201 for, per job index. */
  accepted: Map<number, string>;
  /** Predictions the emulator forgot (DELETE /_emulator/predictions) during the run. */
  forgotten: Set<string>;
  /** Jobs never sent because their owner waited `wedgeMs` for a running slot and gave up. */
  skipped: number;
  wedgedOwners: number;
  runningOverAtAccept: number;
  dailyOverAtAccept: number;
  /** Daily-limit refusals when the owner was certainly below the limit. */
  dailyRefusalsBelowLimit: number;
  ownerIds: Set<string>;
};

export function newRunLog(): RunLog {
  return {
    createAnswers: {},
    cancelAnswers: {},
    accepted: new Map(),
    forgotten: new Set(),
    skipped: 0,
    wedgedOwners: 0,
    runningOverAtAccept: 0,
    dailyOverAtAccept: 0,
    dailyRefusalsBelowLimit: 0,
    ownerIds: new Set(),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

function answerKind(status: number, message: string): string {
  if (status === 429 && /already have/.test(message)) return "429 running limit";
  if (status === 429 && /today's limit/.test(message)) return "429 daily limit";
  if (status === 429 && /Replicate is busy/.test(message)) return "429 replicate busy";
  return String(status);
}

/**
 * Upper bound of the owner's daily count at any moment since `since`: rows counted now, plus rows
 * not counted now that changed since (they may have counted then). Below the limit: a wrong refusal.
 */
async function dailyCountUpperBound(ownerId: string, since: Date): Promise<number> {
  const db = await getDb();
  const now = await countTodayForOwner(db, ownerId, startOfUtcDay());
  const slack = new Date(since.getTime() - 1000);
  const [changed] = await dbRows<{ n: number }>(sql`
    select count(*)::int as n from generations
    where owner_id = ${ownerId} and created_at >= ${startOfUtcDay().toISOString()}::timestamptz
      and updated_at >= ${slack.toISOString()}::timestamptz
      and (status = 'failed' or (status = 'canceled' and started_at is null))`);
  return now + (changed?.n ?? 0);
}

/** Checks both limits right after an accept; returns the owner's id. */
async function checkAccepted(log: RunLog, limits: Limits, generationId: string): Promise<string | null> {
  const [row] = await dbRows<{ owner_id: string }>(sql`select owner_id from generations where id = ${generationId}`);
  if (!row) return null;
  log.ownerIds.add(row.owner_id);
  // Rows only ever leave these counts, so a count above the limit now was above it at the accept.
  const db = await getDb();
  if ((await countActiveForOwner(db, row.owner_id)) > limits.running) log.runningOverAtAccept++;
  if ((await countTodayForOwner(db, row.owner_id, startOfUtcDay())) > limits.daily) log.dailyOverAtAccept++;
  return row.owner_id;
}

async function cancelWithRetries(browser: TestClient, id: string, log: RunLog): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await browser.request(`/api/generations/${id}/cancel`, { method: "POST" });
    await res.arrayBuffer();
    bump(log.cancelAnswers, String(res.status));
    if (res.status < 500) return;
    await sleep(200); // as a person clicking again
  }
}

export async function runOwner(app: TestApp, jobs: readonly Job[], limits: Limits, log: RunLog): Promise<void> {
  const browser = app.client();
  let ownerId: string | null = null;
  let wedged = false;
  for (const job of jobs) {
    if (wedged) {
      log.skipped++;
      continue;
    }
    for (const rule of job.rules) {
      await fetch(`${app.emulator.url}/_emulator/faults`, { method: "POST", body: JSON.stringify(rule) });
    }
    const waitingSince = Date.now();
    for (;;) {
      const sentAt = new Date();
      const { res, body } = await browser.create("sdxl-lightning", {
        prompt: job.prompt,
        num_outputs: job.outputs,
        width: 256,
        height: 256,
      });
      const kind = answerKind(res.status, body.error?.message ?? "");
      if (kind === "429 running limit") {
        if (Date.now() - waitingSince < limits.wedgeMs) {
          await sleep(100); // our own running quota: wait for a slot
          continue;
        }
        wedged = true;
        log.wedgedOwners++;
        log.skipped++;
        break;
      }
      bump(log.createAnswers, kind);
      if (kind === "429 daily limit" && ownerId && (await dailyCountUpperBound(ownerId, sentAt)) < limits.daily) {
        log.dailyRefusalsBelowLimit++;
      }
      if (res.status === 201 && body.id) {
        log.accepted.set(job.index, body.id);
        const owner = await checkAccepted(log, limits, body.id);
        ownerId ??= owner;
        if (job.cancel) await cancelWithRetries(browser, body.id, log);
      }
      if (job.forget) {
        const forgot = await fetch(`${app.emulator.url}/_emulator/predictions`, { method: "DELETE" });
        for (const id of ((await forgot.json()) as { ids: string[] }).ids) log.forgotten.add(id);
      }
      break;
    }
  }
}
