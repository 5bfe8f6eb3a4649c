import { describe, expect, it } from "vitest";
import { thresholdFor } from "../../src/lib/generations/stale-thresholds";

// When a silent generation gets a check: about 3× its model's typical run, never below the
// floor (RECONCILE_AFTER_SECONDS), never above ten minutes.
describe("stale threshold", () => {
  it("a fast model is checked after the floor", () => {
    expect(thresholdFor(2, 20)).toBe(20);
    expect(thresholdFor(undefined, 20)).toBe(20);
  });

  it("a slow model after three times its typical run", () => {
    expect(thresholdFor(40, 20)).toBe(120);
    expect(thresholdFor(12.2, 20)).toBe(37);
  });

  it("never later than ten minutes", () => {
    expect(thresholdFor(3600, 20)).toBe(600);
  });
});
