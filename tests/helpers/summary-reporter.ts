import path from "node:path";
import type { Reporter, TestModule } from "vitest/node";
import { countServerOnlyFiles } from "./server-only-files";

// Prints the plain `N passed, N failed` line CI reads to count tests, and says when the
// PostgreSQL and Neon suites were left out (vitest.config.ts: no TEST_DATABASE_URL).
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      if (mod.state() === "failed" && mod.children.size === 0) failed++;
    }
    console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
    if (!process.env.TEST_DATABASE_URL) {
      const left = countServerOnlyFiles(path.resolve(import.meta.dirname, "../.."));
      console.log(`${left} PostgreSQL and Neon test files not run: set TEST_DATABASE_URL to run them`);
    }
  }
}
