import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// Browser tests: `next start` + the emulator + Debian's Chromium, driven by playwright-core.
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    // Builds the app once per run (only if sources changed; always in CI).
    globalSetup: ["./tests/e2e/build.ts"],
    pool: "forks",
    // One app server per file; files run one after another so builds and ports never race.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    env: { NEXT_TELEMETRY_DISABLED: "1" },
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
  },
});
