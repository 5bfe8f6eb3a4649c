import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// A half-configured environment stops `next build`, `next start` and `npm run dev` at once with
// the message naming what is missing, instead of starting and answering every request with a 500.
// The check runs before anything is built or served (next.config.ts), so no build is needed here.

const repo = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "startup-check-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: repo,
      // Only what the check reads: nothing from the developer's shell or .env files leaks in.
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NEXT_TELEMETRY_DISABLED: "1",
        DATA_DIR: dataDir,
        ...env,
      } as unknown as NodeJS.ProcessEnv, // NODE_ENV is left to Next
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

const next = path.join(repo, "node_modules/.bin/next");

describe("a half-configured environment stops the app at start", () => {
  it("next build: a Replicate token without APP_URL", async () => {
    const { code, output } = await run(next, ["build"], { REPLICATE_API_TOKEN: "r8_not_a_real_token" });
    expect(code).toBe(1);
    expect(output).toContain("The build cannot start.");
    expect(output).toMatch(/APP_URL is required when REPLICATE_API_TOKEN is set/);
  });

  it("next start: on Vercel without CRON_SECRET", async () => {
    const { code, output } = await run(next, ["start", "-p", "0"], { VERCEL: "1", VERCEL_URL: "x.vercel.app" });
    expect(code).toBe(1);
    expect(output).toMatch(/CRON_SECRET is required on Vercel/);
  });

  it("npm run dev: a shared database without its secrets (the emulator it started stops too)", async () => {
    const { code, output } = await run(process.execPath, ["scripts/launch.mjs", "--dev", "-p", "0"], {
      DATABASE_URL: "postgres://127.0.0.1:1/never-opened",
      EMULATOR_PORT: "0",
    });
    expect(code).toBe(1);
    expect(output).toMatch(/SESSION_SECRET is required when DATABASE_URL is set/);
    expect(output).toMatch(/\[dev\] next exited \(1\); stopping/);
  });
});
