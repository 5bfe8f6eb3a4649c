import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// npm run bench: the benchmarks only (figures, not assertions).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/bench/**/*.test.ts"],
    exclude: ["node_modules/**"],
    // One long-lived worker that bulk-loads PGlite: V8's optimising tiers pay off here (the
    // test config's --liftoff-only suits short-lived workers only).
    execArgv: [],
  },
});
