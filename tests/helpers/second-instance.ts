import { spawn } from "node:child_process";
import path from "node:path";
import { TestClient } from "./test-client";

// Another instance of the app under test, sharing its database: a separate Node process (its own
// module state and connection pool, as a second server or serverless instance has), serving the
// same route handlers. Start it after startTestApp, which has put the database, the emulator and
// the secrets into process.env; the child inherits them, plus `env`.

export type SecondInstance = { url: string; client: () => TestClient; close: () => Promise<void> };

const root = path.resolve(import.meta.dirname, "../..");

export async function startSecondInstance(env: Record<string, string> = {}): Promise<SecondInstance> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./tests/helpers/instance/register.mjs", "tests/helpers/instance/main.ts"],
    { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const output: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`second instance did not start:\n${output.join("")}`)), 60_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      const m = /listening (\S+)/.exec(text);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`second instance exited (${code}):\n${output.join("")}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    client: () => new TestClient(url),
    close: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
