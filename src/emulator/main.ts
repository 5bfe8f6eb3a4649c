// `npm run emulator`: the local Replicate emulator as a standalone process.
import { startEmulator } from "./server";

function numberFromEnv(name: string, fallback: number, valid: (n: number) => boolean): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!valid(value)) throw new Error(`${name} must be a valid number, got "${raw}"`);
  return value;
}

const port = numberFromEnv("EMULATOR_PORT", 4010, (n) => Number.isInteger(n) && n >= 0 && n < 65536);
const timeScale = numberFromEnv("EMULATOR_TIME_SCALE", 1, (n) => Number.isFinite(n) && n >= 0);
const webhookSecret = process.env.EMULATOR_WEBHOOK_SECRET || undefined;
const snapshotsDir = process.env.EMULATOR_SNAPSHOTS_DIR || undefined;

const emulator = await startEmulator({ port, timeScale, webhookSecret, snapshotsDir });
console.log(`Replicate emulator listening on ${emulator.url}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await emulator.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
