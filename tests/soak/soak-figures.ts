import { type Dirent, readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDb } from "../../src/lib/db/index";
import { countTodayForOwner } from "../../src/lib/db/quota-queries";
import { startOfUtcDay } from "../../src/shared/time";
import { dbRows } from "../helpers/db-inspect";
import type { TestApp } from "../helpers/test-app";
import type { Job } from "./fault-draw";
import type { Limits, RunLog } from "./soak-runner";

// The soak's end-state figures, read from the database, the storage folder and the emulator.

type GenerationRow = {
  id: string;
  status: string;
  prompt: string;
  wanted: number;
  prediction_id: string | null;
  outputs: number;
};
type EmulatorPrediction = { id: string; status: string; input: { prompt?: string } };

const ACTIVE = new Set(["queued", "starting", "processing"]);
const tagOf = (prompt: string | undefined) => /soak#\d+\./.exec(prompt ?? "")?.[0] ?? null;

async function emulatorPredictions(app: TestApp): Promise<EmulatorPrediction[]> {
  const out: EmulatorPrediction[] = [];
  let next: string | null = `${app.emulator.url}/v1/predictions`;
  while (next) {
    const page = (await (await fetch(next, { headers: { authorization: "Bearer t" } })).json()) as {
      next: string | null;
      results: EmulatorPrediction[];
    };
    out.push(...page.results);
    next = page.next;
  }
  return out;
}

/**
 * Predictions the emulator still runs that no live (queued/starting/processing) generation owns:
 * billed for nothing. The product cancels them (at once, or by the reconciler's retries), so the
 * soak waits for this to reach 0 as it waits for generations to end.
 */
export async function orphanPredictionCount(app: TestApp): Promise<number> {
  const rows = await dbRows<{ prediction_id: string }>(
    sql`select prediction_id from generations where status in ('queued','starting','processing') and prediction_id is not null`,
  );
  const live = new Set(rows.map((r) => r.prediction_id));
  return (await emulatorPredictions(app)).filter((p) => ACTIVE.has(p.status) && !live.has(p.id)).length;
}

/** Every file under the storage root, as storage keys; hidden ones are temp files of writes. */
function storedFiles(root: string): { keys: string[]; temp: string[] } {
  const keys: string[] = [];
  const temp: string[] = [];
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const key = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(key);
      else if (entry.name.startsWith(".")) temp.push(key);
      else keys.push(key);
    }
  };
  walk("");
  return { keys, temp };
}

const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;

/** How many of `items` fail, per fault kind of their job: where to look when a figure is not 0. */
function perKind<T>(items: readonly T[], kindOf: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[kindOf(item)] = (counts[kindOf(item)] ?? 0) + 1;
  return counts;
}

export async function soakFigures(app: TestApp, jobs: readonly Job[], limits: Limits, log: RunLog, maxRunningSeen: number) {
  const generations = await dbRows<GenerationRow>(sql`
    select g.id, g.status, g.input->>'prompt' as prompt, (g.input->>'num_outputs')::int as wanted, g.prediction_id,
      (select count(*)::int from generation_outputs o where o.generation_id = g.id) as outputs
    from generations g`);
  const statuses: Record<string, number> = {};
  for (const g of generations) statuses[g.status] = (statuses[g.status] ?? 0) + 1;
  const rowsPerTag = new Map<string, number>();
  for (const g of generations) {
    const tag = tagOf(g.prompt);
    if (tag) rowsPerTag.set(tag, (rowsPerTag.get(tag) ?? 0) + 1);
  }

  const live = new Set(generations.filter((g) => ACTIVE.has(g.status) && g.prediction_id).map((g) => g.prediction_id));
  const predictions = await emulatorPredictions(app);
  const predictionsPerTag = new Map<string, number>();
  for (const p of predictions) {
    const tag = tagOf(p.input.prompt);
    if (tag) predictionsPerTag.set(tag, (predictionsPerTag.get(tag) ?? 0) + 1);
  }

  // Originals and their sized copies: every key an output's row names.
  const referenced = new Set(
    (
      await dbRows<{ key: string }>(
        sql`select storage_key as key from generation_outputs
          union all select v->>'key' from generation_outputs, jsonb_array_elements(variants) as v`,
      )
    ).map((r) => r.key),
  );
  const files = storedFiles(path.join(app.dataDir, "files"));
  const downloads = (
    (await (await fetch(`${app.emulator.url}/_emulator/files`)).json()) as {
      downloads: { method: string; concurrent: number; predictionId: string }[];
    }
  ).downloads;

  const kindByTag = new Map(jobs.map((j) => [j.tag, j.kind]));
  const kindOfPrompt = (prompt: string | undefined) => kindByTag.get(tagOf(prompt) ?? "") ?? "unknown";
  const generationById = new Map(generations.map((g) => [g.id, g]));
  const predictionById = new Map(predictions.map((p) => [p.id, p]));
  const stuck = generations.filter((g) => ACTIVE.has(g.status));
  const orphanRunning = predictions.filter((p) => ACTIVE.has(p.status) && !live.has(p.id));
  const unreferenced = files.keys.filter((k) => !referenced.has(k));
  const concurrent = downloads.filter((d) => d.method === "GET" && d.concurrent > 0);
  const onFailures = generations.filter((g) => g.status !== "succeeded" && g.outputs > 0);
  const missing = generations.filter((g) => g.status === "succeeded" && g.outputs < g.wanted);

  const db = await getDb();
  let dailyOverAtEnd = 0;
  for (const owner of log.ownerIds) {
    if ((await countTodayForOwner(db, owner, startOfUtcDay())) > limits.daily) dailyOverAtEnd++;
  }

  return {
    stuck: stuck.length,
    runningWithoutLiveGeneration: orphanRunning.length,
    orphanFiles: { unreferenced: unreferenced.length, temp: files.temp.length },
    duplicateOutputs: {
      concurrentDownloads: concurrent.length,
      rowsBeyondWanted: count(generations, (g) => g.outputs > g.wanted),
      rowsOnFailures: onFailures.length,
    },
    /** Jobs with more than one generation row, or more than one prediction (a create sent twice). */
    duplicateGenerations: count([...rowsPerTag.values()], (n) => n > 1),
    duplicatePredictions: count([...predictionsPerTag.values()], (n) => n > 1),
    missingOutputs: missing.length,
    byKind: {
      // A generation whose prediction was forgotten (by any job's forget) is labelled so.
      stuck: perKind(
        stuck,
        (g) => `${log.forgotten.has(g.prediction_id ?? "") ? "forgotten " : ""}${kindOfPrompt(g.prompt)} (${g.status})`,
      ),
      runningWithoutLiveGeneration: perKind(orphanRunning, (p) => kindOfPrompt(p.input.prompt)),
      unreferencedFiles: perKind(unreferenced, (k) => kindOfPrompt(generationById.get(k.split("/")[1] ?? "")?.prompt)),
      tempFiles: perKind(files.temp, (k) => kindOfPrompt(generationById.get(k.split("/")[1] ?? "")?.prompt)),
      concurrentDownloads: perKind(concurrent, (d) => kindOfPrompt(predictionById.get(d.predictionId)?.input.prompt)),
      rowsOnFailures: perKind(onFailures, (g) => kindOfPrompt(g.prompt)),
      missingOutputs: perKind(missing, (g) => kindOfPrompt(g.prompt)),
    },
    quotas: {
      runningLimit: limits.running,
      maxRunningSeen,
      runningOverAtAccept: log.runningOverAtAccept,
      dailyLimit: limits.daily,
      dailyOverAtAccept: log.dailyOverAtAccept,
      dailyOverAtEnd,
      dailyRefusalsBelowLimit: log.dailyRefusalsBelowLimit,
    },
    outcomes: {
      jobs: jobs.length,
      skippedJobs: log.skipped,
      wedgedOwners: log.wedgedOwners,
      acceptedWithoutRow: count([...log.accepted.values()], (id) => !generations.some((g) => g.id === id)),
      createAnswers: log.createAnswers,
      cancelAnswers: log.cancelAnswers,
      generations: generations.length,
      statuses,
      emulatorPredictions: predictions.length,
      forgottenPredictions: log.forgotten.size,
      storedFiles: files.keys.length,
      fileDownloads: downloads.length,
    },
  };
}

export type SoakFigures = Awaited<ReturnType<typeof soakFigures>>;
