import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/server";
import { ensureBuild } from "../e2e/build";
import { untilCopiesMade } from "./copies";
import { type BenchDatabase, openBenchDatabase } from "./database";
import { summarize } from "./figures";
import { firstLoadJs } from "./first-load-js";
import { finishedPrediction, mintOwner, writeLargeOutputs } from "./fixtures";
import { galleryWeight } from "./gallery";
import { BENCH_ADDRESS_HEADER, createRates, listLatencies, SECONDS, signInAdmin, webhookIngest } from "./measure";
import { machine, table, writeResults } from "./report";
import { attachVariants, seedBig, seedBusyDay, seedSmall } from "./seeding";
import { type Server, startBare304, startNext } from "./servers";
import { pollsAgain, pollsAndBaselines } from "./throughput";
import { completionToVisible } from "./visible";

// npm run bench: the production build under `next start`, the emulator as Replicate, load from
// a second process. Four databases served at once (seeding.ts): ~1k rows, BENCH_ROWS rows, and
// two copies of that, one with 20k more created today; every comparison between them takes turns
// in time. Figures only, as ratios to baselines of the same run; nothing is asserted.

const BASE_ROWS = 1_000;
const BIG_ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const TODAY_ROWS = 20_000;
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 600);
const VISIBLE_GENERATIONS = 20;
const secrets = {
  SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString("base64url"),
  ADMIN_PASSWORD: process.env.ADMIN_PASSWORD ?? randomBytes(12).toString("base64url"),
};
// The bench mints owner cookies with the app's own code: same secret as the apps it starts.
Object.assign(process.env, secrets);

let emulator: Emulator;
let bare: Server;
const databases: BenchDatabase[] = [];
const apps: Server[] = [];
beforeAll(async () => {
  await ensureBuild();
  emulator = await startEmulator({ port: 0 });
  bare = await startBare304();
}, 600_000);
afterAll(async () => {
  for (const app of apps) await app.stop();
  await bare?.stop();
  await emulator?.close();
  for (const db of databases) await db.drop();
});

function startApp(db: BenchDatabase): Promise<Server> {
  return startNext({
    ...db.appEnv,
    ...secrets,
    REPLICATE_BASE_URL: `${emulator.url}/v1`,
    REPLICATE_WEBHOOK_SECRET: emulator.webhookSecret,
    MAX_RUNNING_PER_OWNER: "1000000",
    MAX_DAILY_PER_OWNER: "1000000",
    DAILY_BUDGET_USD: "1000000",
    MAX_RUNNING_GLOBAL: "1000000",
    // Creates come from many addresses (measure.ts), each within the default per-address limits.
    TRUSTED_PROXY_HEADER: BENCH_ADDRESS_HEADER,
    // Nothing in the background: the reconciler would otherwise ask about the quiet creates.
    RECONCILE_AFTER_SECONDS: "86400",
    RECONCILE_INTERVAL_SECONDS: "86400",
    QUEUED_TIMEOUT_SECONDS: "86400",
  });
}

it("npm run bench", { timeout: 60 * 60_000 }, async () => {
  const started = performance.now();
  const owners = {
    poll: await mintOwner(),
    gallery: await mintOwner(),
    hooks: await mintOwner(),
    stale: await mintOwner(),
    creators: await Promise.all(Array.from({ length: 8 }, () => mintOwner())),
  };
  const prediction = await finishedPrediction(emulator);
  const open = async () => {
    const db = await openBenchDatabase(inject("pgliteTemplate"));
    databases.push(db);
    return db;
  };
  const [smallDb, bigDb] = [await open(), await open()];
  const small = await seedSmall(smallDb, owners, { rows: BASE_ROWS, webhooks: WEBHOOKS });
  const { originalBytes, variantsOf } = await writeLargeOutputs(smallDb.dataDir, small.gallery);
  await attachVariants(smallDb, small.gallery, variantsOf);
  const big = await seedBig(bigDb, owners, BIG_ROWS);
  // The busy day and its control are both copies of big, made alike: compared with big itself,
  // a copy measured 0.91x its creates/s with nothing added (1M rows on PostgreSQL).
  const [busyDb, quietDb] = [await bigDb.clone(), await bigDb.clone()];
  databases.push(busyDb, quietDb);
  const busy = await seedBusyDay(busyDb, TODAY_ROWS);

  for (const db of [smallDb, bigDb, busyDb, quietDb]) apps.push(await startApp(db));
  const [a, b, c, d] = apps as [Server, Server, Server, Server];
  // On ~1k rows alone: the ceilings and the polls, webhook ingest, the gallery.
  const throughput = await pollsAndBaselines(a.url, bare.url, owners.poll, small.poll);
  const { copies, ...webhooks } = await webhookIngest(
    a,
    { stale: small.stale, fresh: small.fresh },
    prediction,
    emulator.webhookSecret,
    () => untilCopiesMade(a.url, owners.hooks),
  );
  const gallery = await galleryWeight(a.url, owners.gallery.cookie);
  // Before the creates below fill the emulator's prediction list.
  const visible = await completionToVisible(a.url, emulator.url, VISIBLE_GENERATIONS);
  // The home page as the gallery's owner sees it; a missing page loads the framework's JS alone.
  const js = { home: await firstLoadJs(a.url, owners.gallery.cookie), framework: await firstLoadJs(`${a.url}/no-such-page`) };
  // Small against big, in turns: lists and summary; polls again on big.
  const admin = async (app: Server) => ({ url: app.url, admin: await signInAdmin(app.url, secrets.ADMIN_PASSWORD) });
  const lists = await listLatencies(await admin(a), await admin(b), owners.poll);
  const bigPolls = await pollsAgain(b.url, owners.poll, big.poll);
  const creates = await createRates({ small: a.url, big: b.url, quiet: d.url, busy: c.url }, owners.creators);

  const rows = { small: small.rows, big: big.rows, busyToday: busy.today };
  const figures = summarize({
    database: smallDb.kind,
    ...throughput,
    webhooks,
    copies,
    gallery,
    visible,
    firstLoadJs: js,
    lists,
    bigPolls,
    creates,
    rows,
  });
  const results = {
    at: new Date().toISOString(),
    machine: machine(),
    database: { kind: smallDb.kind, version: await smallDb.version() },
    settings: { seconds: SECONDS, rows, webhooks: WEBHOOKS },
    measurements: { ...throughput, webhooks, copies, lists, bigPolls, creates, visible },
    gallery: { ...gallery, cards: small.gallery.length, originalBytes },
    firstLoadJs: js,
    figures,
    durationSeconds: Math.round((performance.now() - started) / 1000),
  };
  const file = writeResults(`${smallDb.kind}-${big.rows}`, results);
  console.log(
    `\nnpm run bench: ${smallDb.kind} ${results.database.version}, ${results.machine.cpus} × ${results.machine.cpuModel}, ` +
      `${small.rows} / ${big.rows} rows (+${busy.today} today), ${SECONDS} s per run\n\n${table(figures)}\n\n` +
      `written to ${file} in ${results.durationSeconds} s\n`,
  );
});
