// npm run dev: the local Replicate emulator (unless REPLICATE_API_TOKEN is set) and `next dev`
// together in one terminal; Ctrl-C (or either one dying) stops both.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

for (const file of [".env.local", ".env"]) if (existsSync(file)) process.loadEnvFile(file);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const children = [];

function start(name, command, args, extraEnv = {}) {
  const child = spawn(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.log(`\n[dev] ${name} exited (${signal ?? code}); stopping.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 1500).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on("exit", r)) : null))).then(() =>
    process.exit(code),
  );
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

const bin = (name) => path.join("node_modules", ".bin", name);
if (!env.REPLICATE_API_TOKEN) {
  // A signing secret kept across restarts (under DATA_DIR), shared by the emulator and the app.
  const dataDir = env.DATA_DIR ?? ".data";
  const secretFile = path.join(dataDir, "emulator-webhook-secret");
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(secretFile)) writeFileSync(secretFile, `whsec_${randomBytes(24).toString("base64")}`, { mode: 0o600 });
  const secret = readFileSync(secretFile, "utf8").trim();
  start("emulator", bin("tsx"), ["src/emulator/main.ts"], { EMULATOR_WEBHOOK_SECRET: secret });
  // The app gets the same secret up front, so a generation costs the emulator exactly one
  // request (the create); without it the app fetches the secret once from the emulator.
  if (!env.REPLICATE_WEBHOOK_SECRET) env.REPLICATE_WEBHOOK_SECRET = secret;
}
// Through scripts/server.mjs (next dev inside it), so the app sees each client's socket address.
start("next", process.execPath, ["scripts/server.mjs", "--dev", ...process.argv.slice(2)]);
