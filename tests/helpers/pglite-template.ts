import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrationsFolder, openPglite } from "../../src/lib/db/drivers";

// vitest globalSetup: creates a migrated PGlite data directory once, so each test file copies it
// (~0.1 s) instead of running initdb and every migration itself (~5 s on this machine). The
// product then simply reopens an existing data directory, as it does on a second `npm run dev`.
//
// The template is kept under node_modules/.cache, keyed by the migrations and the PGlite
// version, so later runs skip even the one initdb. A stale key cannot hurt: the app migrates
// whatever it opens.

declare module "vitest" {
  export interface ProvidedContext {
    /** A closed, migrated PGlite data directory to copy (tests/helpers/test-app.ts). */
    pgliteTemplate: string;
  }
}

const root = path.resolve(import.meta.dirname, "../..");

function templateKey(): string {
  const hash = createHash("sha256");
  const pglite = JSON.parse(readFileSync(path.join(root, "node_modules/@electric-sql/pglite/package.json"), "utf8"));
  hash.update(`pglite ${pglite.version}\nwithout template0 and template1\n`);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(`${path.relative(migrationsFolder, full)}\n`).update(readFileSync(full));
    }
  };
  walk(migrationsFolder);
  return hash.digest("hex").slice(0, 16);
}

export async function ensurePgliteTemplate(): Promise<string> {
  const cache = path.join(root, "node_modules/.cache/pglite-template");
  const dir = path.join(cache, templateKey());
  if (existsSync(path.join(dir, "PG_VERSION"))) return dir;
  mkdirSync(cache, { recursive: true });
  const building = mkdtempSync(path.join(cache, "building-"));
  try {
    const handle = await openPglite(path.join(building, "pglite"));
    await handle.close();
    await dropTemplateDatabases(path.join(building, "pglite"));
    // Atomic: a concurrent run either finds the finished template or builds its own.
    renameSync(path.join(building, "pglite"), dir);
  } catch (error) {
    if (!existsSync(path.join(dir, "PG_VERSION"))) throw error;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

// initdb leaves three databases of ~300 files each: template0 and template1 (only CREATE DATABASE
// reads them, which neither the app nor a test runs) and postgres (ours). Copying a data directory
// costs per file, so without the two templates each test file's copy takes a third of the CPU.
async function dropTemplateDatabases(dataDir: string): Promise<void> {
  const { PGlite } = await import("@electric-sql/pglite");
  const client = new PGlite({ dataDir });
  try {
    await client.exec("UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')");
    await client.exec("DROP DATABASE template0");
    await client.exec("DROP DATABASE template1");
  } finally {
    await client.close();
  }
}

/** Copies the template to `target` (which must not exist yet). */
export function copyPgliteTemplate(template: string, target: string): void {
  cpSync(template, target, { recursive: true });
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide("pgliteTemplate", await ensurePgliteTemplate());
}
