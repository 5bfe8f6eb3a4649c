import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { nextBin } from "../e2e/build";

// The servers under load, each its own process: the production build under `next start`, and a
// bare Node http server answering 304 (the ceiling of Node's HTTP stack on this machine).

const root = path.resolve(import.meta.dirname, "../..");
const nextJs = path.join(root, "node_modules/next/dist/bin/next");

/** `pid` leads the server's own process group (each is started detached). */
export type Server = { url: string; pid: number | undefined; stop: () => Promise<void>; logs: () => string };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function launch(command: string, args: string[], env: Record<string, string>): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  const child = spawn(command, args, {
    cwd: root,
    detached: true, // its own process group: stop() reaches every child it forks
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return { child, output };
}

async function answering(url: string, child: ChildProcess, output: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output.join("")}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${output.join("")}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const kill = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  return async () => {
    kill("SIGTERM");
    const timer = setTimeout(() => kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };
}

/** `next start` on the current build with `env` (the database, the emulator, secrets). */
export async function startNext(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const args = ["start", "-p", String(port), "-H", "127.0.0.1"];
  // BENCH_CPU_PROF=<dir>: the app writes a V8 CPU profile there when it stops (open it in DevTools).
  const profile = process.env.BENCH_CPU_PROF;
  const { child, output } = profile
    ? launch(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`, nextJs, ...args], {
        NODE_ENV: "production",
        ...env,
      })
    : launch(nextBin, args, { NODE_ENV: "production", ...env });
  const url = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await answering(`${url}/api/health`, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid, stop, logs: () => output.join("") };
}

const BARE_304 = `require("node:http").createServer((req, res) => { res.writeHead(304, { etag: 'W/"1"' }); res.end(); })
  .listen(Number(process.env.PORT), "127.0.0.1");`;

export async function startBare304(): Promise<Server> {
  const port = await freePort();
  const { child, output } = launch(process.execPath, ["-e", BARE_304], { PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await answering(url, child, output);
  return { url, pid: child.pid, stop: stopper(child), logs: () => output.join("") };
}
