import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

// One production build per test run (vitest globalSetup), and only when sources are newer than
// the last one; CI always builds. Every test file then starts `next start` on that build.

const root = path.resolve(import.meta.dirname, "../..");
export const nextBin = path.join(root, "node_modules/.bin/next");
const BUILD_LOCKED = "Another next build process is already running";

function newestMtime(target: string): number {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

function buildIsStale(): boolean {
  if (process.env.CI === "true") return true;
  const built = statSync(path.join(root, ".next/BUILD_ID"), { throwIfNoEntry: false });
  if (!built) return true;
  const inputs = ["src", "public", "next.config.ts", "package.json", "tsconfig.json"];
  return Math.max(...inputs.map((p) => newestMtime(path.join(root, p)))) > built.mtimeMs;
}

/**
 * Secrets present in the environment of every test build, so bundle-secrets.test.ts can prove
 * none of them reaches the browser bundle (.next/static).
 */
export const BUILD_CANARIES = {
  REPLICATE_API_TOKEN: "r8_CANARY-token-must-never-ship",
  REPLICATE_WEBHOOK_SECRET: "whsec_Y2FuYXJ5LXdlYmhvb2stc2VjcmV0LW5ldmVyLXNoaXA=",
  SESSION_SECRET: "canary-session-secret-must-never-ship-0000",
  ADMIN_PASSWORD: "canary-admin-password-never-ship",
  CRON_SECRET: "canary-cron-secret-never-ship",
  BLOB_READ_WRITE_TOKEN: "vercel_blob_rw_CANARY-never-ship",
  DATABASE_URL: "postgres://canary:never-ship@db.invalid/canary",
  APP_URL: "https://canary-app-url.invalid",
};

function nextBuild(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(nextBin, ["build"], {
      cwd: root,
      env: { ...process.env, ...BUILD_CANARIES, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

export async function ensureBuild(): Promise<void> {
  if (!buildIsStale()) return;
  // On a shared work tree someone else's build may hold Next's lock: wait for it, then build.
  for (let attempt = 0; attempt < 24; attempt++) {
    const { code, output } = await nextBuild();
    if (code === 0) return;
    if (!output.includes(BUILD_LOCKED)) throw new Error(`next build exited ${code}`);
    await new Promise((r) => setTimeout(r, 5000));
  }
  throw new Error("next build: another build kept the lock for two minutes");
}

export default async function setup(): Promise<void> {
  await ensureBuild();
}
