import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { type DbHandle, openPglite } from "../../src/lib/db/drivers";
import { copyPgliteTemplate } from "../helpers/pglite-template";

// PGlite is one process's database: a second process on the same folder (`npm run db:migrate`
// during `npm run dev`) would corrupt it. It stops with a message naming the holder instead; a
// lock left by a process that died is taken over.
const root = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "pglite-lock-"));
const folder = path.join(dataDir, "pglite");
copyPgliteTemplate(inject("pgliteTemplate"), folder);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function migrateInAnotherProcess(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_|REPLICATE_)/.test(k)));
    execFile(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/db-migrate.ts"],
      { cwd: root, env: { ...env, DATA_DIR: dataDir } as unknown as NodeJS.ProcessEnv },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe("one process per PGlite folder", { timeout: 90_000 }, () => {
  it("a second process stops with a message naming the process that holds the folder", async () => {
    const handle: DbHandle = await openPglite(folder);
    try {
      expect(JSON.parse(readFileSync(`${folder}.lock`, "utf8"))).toMatchObject({ pid: process.pid });
      const second = await migrateInAnotherProcess();
      expect(second.code).not.toBe(0);
      expect(second.output).toContain(`is already open in another process (pid ${process.pid})`);
      expect(second.output).toContain(`delete ${folder}.lock`);
      await expect(openPglite(folder)).rejects.toThrow(/already open in this process/);
    } finally {
      await handle.close();
    }
    expect(existsSync(`${folder}.lock`)).toBe(false);
    expect((await migrateInAnotherProcess()).code).toBe(0);
  });

  it("a lock left by a process that died is taken over", async () => {
    const dead = spawn(process.execPath, ["-e", ""]);
    const pid = dead.pid as number;
    await new Promise((resolve) => dead.once("exit", resolve));
    writeFileSync(`${folder}.lock`, JSON.stringify({ pid, token: "a-process-long-gone" }));
    const handle = await openPglite(folder);
    expect(JSON.parse(readFileSync(`${folder}.lock`, "utf8"))).toMatchObject({ pid: process.pid });
    await handle.close();
  });
});
