// `npm start` and (with --dev) `npm run dev`: the local Replicate emulator (unless
// REPLICATE_API_TOKEN is set) and the app (scripts/server.mjs) together in one terminal; Ctrl-C,
// SIGTERM, or either one dying stops both. What starts with which arguments: scripts/launch-plan.mjs.
//
//   node scripts/launch.mjs [--dev] [-p PORT] [-H HOSTNAME]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EMULATOR_SECRET_FILE, launchPlan } from "./launch-plan.mjs";

const argv = process.argv.slice(2);
const dev = argv.includes("--dev");
// The files Next reads, most particular first (a variable already set is kept): a token set only
// in .env.production must be seen here too, or the emulator would start beside real Replicate.
const mode = dev ? "development" : "production";
for (const file of [`.env.${mode}.local`, ".env.local", `.env.${mode}`, ".env"]) if (existsSync(file)) process.loadEnvFile(file);
const tag = dev ? "[dev]" : "[start]";
const tsx = path.join("node_modules", ".bin", process.platform === "win32" ? "tsx.cmd" : "tsx");

const plan = launchPlan({
  dev,
  env: process.env,
  args: argv.filter((a) => a !== "--dev"),
  node: process.execPath,
  tsx: existsSync(tsx) ? tsx : null,
  // A signing secret kept across restarts (under DATA_DIR), shared by the emulator and the app.
  emulatorSecret: () => {
    const dataDir = process.env.DATA_DIR || ".data";
    const secretFile = path.join(dataDir, EMULATOR_SECRET_FILE);
    mkdirSync(dataDir, { recursive: true });
    if (!existsSync(secretFile)) writeFileSync(secretFile, `whsec_${randomBytes(24).toString("base64")}`, { mode: 0o600 });
    return readFileSync(secretFile, "utf8").trim();
  },
});
if (plan.error) {
  console.error(`${tag} ${plan.error}`);
  process.exit(1);
}

const children = [];
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

for (const { name, command, args, env } of plan.children) {
  const child = spawn(command, args, { stdio: "inherit", env });
  child.on("error", (error) => {
    console.error(`${tag} could not start ${name} (${command}): ${error.message}`);
    if (!stopping) stop(1);
  });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.log(`\n${tag} ${name} exited (${signal ?? code}); stopping.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
}
