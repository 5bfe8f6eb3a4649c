import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { SERVER_ONLY_FILES } from "./tests/helpers/server-only-files.ts";
import SlowFirstSequencer from "./tests/helpers/slow-first-sequencer.ts";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "src"),
      "server-only": path.resolve(import.meta.dirname, "tests/helpers/empty-module.ts"),
      "client-only": path.resolve(import.meta.dirname, "tests/helpers/empty-module.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    // `npm test` plays a small seeded soak (tests/soak, 32 generations); `npm run test:soak` a big one.
    // The PostgreSQL and Neon copies of the suites need TEST_DATABASE_URL. Without it they are left
    // out rather than loaded only to be skipped (~1 CPU-s each); the summary line says so.
    exclude: ["tests/e2e/**", "tests/bench/**", "node_modules/**", ...(process.env.TEST_DATABASE_URL ? [] : SERVER_ONLY_FILES)],
    // Migrates a PGlite template once per run; each test file copies it.
    globalSetup: ["./tests/helpers/pglite-template.ts"],
    pool: "forks",
    // Slow folders first when vitest has no durations on record (a fresh clone, CI).
    sequence: { sequencer: SlowFirstSequencer },
    // Most of a test's time is spent waiting (emulator timings, webhooks, polls), so more files
    // than cores run at once. vitest's default (cores - 1) ran one file at a time on 2 cores.
    maxWorkers: availableParallelism() + 2,
    // PGlite is Postgres compiled to WebAssembly. In a worker that lives for one test file, V8's
    // background recompilation of that large module (tier-up) costs more CPU than it saves:
    // baseline code alone halves PGlite's CPU time here (open + 300 queries: 3.0 → 1.5 CPU-s).
    // JavaScript is unaffected.
    execArgv: ["--liftoff-only"],
    // Longer than the wait for sized copies (tests/helpers/stored-files.ts COPIES_MADE).
    testTimeout: 90_000,
    hookTimeout: 60_000,
    env: { NEXT_TELEMETRY_DISABLED: "1", VERCEL_BLOB_RETRIES: "0" },
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
    // Audit lines (one per state change) are for production logs; keep test output readable.
    onConsoleLog: (log) => !log.includes('"event":"generation.status"') && !log.includes('"event":"reconcile.run"'),
  },
});
