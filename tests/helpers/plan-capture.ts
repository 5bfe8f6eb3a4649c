import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Logger } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { openNodePostgres } from "../../src/lib/db/drivers";
import { migrateDatabase } from "../../src/lib/db/migrate";
import * as schema from "../../src/lib/db/schema";
import type { Executor } from "../../src/lib/db/types";
import { copyPgliteTemplate } from "./pglite-template";
import { type OpenedRunner, openPgliteRunner, openPgRunner } from "./sql-runner";
import { createTestDatabase } from "./test-database";

// The product's own query functions, run on a database whose every statement is recorded, so
// a test can EXPLAIN exactly the SQL (and parameters) the app sends.

export type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
};

export type CapturingDb = {
  db: Executor;
  runner: OpenedRunner;
  /** The statements `run` sent, with their EXPLAIN (FORMAT JSON) plans. */
  plansOf(run: (db: Executor) => Promise<unknown>): Promise<{ sql: string; plan: PlanNode }[]>;
  /** EXPLAIN ANALYZE (text) of each statement `run` sent, for reading by a person. */
  explainAnalyze(run: (db: Executor) => Promise<unknown>): Promise<string[]>;
  close(): Promise<void>;
};

export async function openCapturingDb(
  kind: "pglite" | "pg",
  options: { template?: string; serverUrl?: string },
): Promise<CapturingDb> {
  const statements: { sql: string; params: unknown[] }[] = [];
  const logger: Logger = { logQuery: (sql, params) => void statements.push({ sql, params }) };
  let runner: OpenedRunner;
  let db: Executor;
  let cleanup: () => Promise<void>;
  if (kind === "pglite") {
    if (!options.template) throw new Error("pglite needs the migrated template");
    const dir = mkdtempSync(path.join(tmpdir(), "plans-"));
    copyPgliteTemplate(options.template, path.join(dir, "pglite"));
    const opened = await openPgliteRunner(path.join(dir, "pglite"));
    runner = opened;
    db = drizzlePglite(opened.client, { schema, logger }) as unknown as Executor;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    if (!options.serverUrl) throw new Error("pg needs TEST_DATABASE_URL");
    const database = await createTestDatabase(options.serverUrl);
    const handle = await openNodePostgres(database.url);
    await migrateDatabase(handle);
    await handle.close();
    const opened = await openPgRunner(database.url);
    runner = opened;
    db = drizzlePg(opened.client, { schema, logger }) as unknown as Executor;
    cleanup = database.drop;
  }
  return {
    db,
    runner,
    async plansOf(run) {
      statements.length = 0;
      await run(db);
      const sent = [...statements];
      const plans = [];
      for (const { sql, params } of sent) {
        const [row] = await runner.rows<{ "QUERY PLAN": unknown }>(`explain (format json) ${sql}`, params);
        const json = row?.["QUERY PLAN"];
        const parsed = (typeof json === "string" ? JSON.parse(json) : json) as { Plan: PlanNode }[];
        plans.push({ sql, plan: (parsed[0] as { Plan: PlanNode }).Plan });
      }
      return plans;
    },
    async explainAnalyze(run) {
      statements.length = 0;
      await run(db);
      const out = [];
      for (const { sql, params } of [...statements]) {
        const rows = await runner.rows<{ "QUERY PLAN": string }>(`explain (analyze, buffers, costs off) ${sql}`, params);
        out.push(rows.map((r) => r["QUERY PLAN"]).join("\n"));
      }
      return out;
    },
    async close() {
      await runner.close();
      await cleanup();
    },
  };
}

/** Every node of a plan, depth first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/** A plan as EXPLAIN's text would indent it, for failure messages. */
export function describePlan(plan: PlanNode, depth = 0): string {
  const on = plan["Index Name"] ? ` using ${plan["Index Name"]}` : "";
  const rel = plan["Relation Name"] ? ` on ${plan["Relation Name"]}` : "";
  const cond = plan["Index Cond"] ? ` (${plan["Index Cond"]})` : "";
  const line = `${"  ".repeat(depth)}${plan["Node Type"]}${on}${rel}${cond}`;
  return [line, ...(plan.Plans ?? []).map((p) => describePlan(p, depth + 1))].join("\n");
}
