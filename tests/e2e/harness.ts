import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { startEmulator } from "../../src/emulator/server";

// Starts the whole stack a browser test needs: the Replicate emulator in-process, `npm start`'s
// server (scripts/server.mjs: Next in production mode) on a free port with a fresh data dir
// (serving the build ./build.ts made once per run), and Debian's Chromium. `stop()` tears all of
// it down.

const root = path.resolve(import.meta.dirname, "../..");
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export type Stack = {
  baseUrl: string;
  emulatorUrl: string;
  /** The app's DATA_DIR: stored files are under files/generations/<id>/. */
  dataDir: string;
  browser: Browser;
  logs: () => string;
  stop: () => Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitUntilAnswering(url: string, app: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app server exited early (${app.exitCode})`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group, whatever the server forked
  } catch {
    // already gone
  }
}

/** `env`: extra variables for the app server (e.g. higher per-owner limits for a big gallery). */
export async function startStack(options: { env?: Record<string, string> } = {}): Promise<Stack> {
  const emulator = await startEmulator({ port: 0, timeScale: 0.3 });
  const dataDir = mkdtempSync(path.join(tmpdir(), "e2e-data-"));
  const port = await freePort();
  const output: string[] = [];
  // `npm start`'s server (scripts/server.mjs): Next behind the socket-address header.
  const app = spawn(process.execPath, [path.join(root, "scripts/server.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    detached: true, // its own process group, so teardown reaches every child
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      REPLICATE_BASE_URL: `${emulator.url}/v1`,
      DATA_DIR: dataDir,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  app.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => app.once("exit", () => resolve()));

  const baseUrl = `http://127.0.0.1:${port}`;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    killGroup(app, "SIGTERM");
    const timer = setTimeout(() => killGroup(app, "SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    // The first answer opens PGlite and migrates it: seconds, many more on a loaded machine.
    await waitUntilAnswering(`${baseUrl}/api/generations`, app, 60_000);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  } catch (error) {
    console.error(output.join(""));
    await stop();
    throw error;
  }
  return { baseUrl, emulatorUrl: emulator.url, dataDir, browser, logs: () => output.join(""), stop };
}
