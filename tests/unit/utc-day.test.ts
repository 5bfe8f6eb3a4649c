import { afterEach, describe, expect, it, vi } from "vitest";
import { withinOneUtcDay } from "../helpers/utc-day";

// The guard of the tests that count per UTC day: run again only when midnight passed during a failure.
describe("withinOneUtcDay", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs a failure that straddled midnight once more, inside the new day", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-26T23:59:59.500Z"));
    const days: string[] = [];
    await withinOneUtcDay(async () => {
      days.push(new Date().toISOString().slice(0, 10));
      if (days.length === 1) {
        vi.setSystemTime(new Date("2026-11-27T00:00:00.200Z"));
        throw new Error("counted on two days");
      }
    });
    expect(days).toEqual(["2026-11-26", "2026-11-27"]);
  });

  it("throws a failure within one day as it is, without running again", async () => {
    let runs = 0;
    const failing = withinOneUtcDay(async () => {
      runs += 1;
      throw new Error("a real failure");
    });
    await expect(failing).rejects.toThrow("a real failure");
    expect(runs).toBe(1);
  });
});
