import { afterEach, describe, expect, it, vi } from "vitest";
import { logStateChange } from "../../src/lib/generations/audit";

describe("audit log", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes one JSON line per state change with the fields billing needs", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    logStateChange({ generationId: "gen_1", predictionId: "p1", status: "succeeded", predictTime: 1.25, source: "webhook" });
    expect(log).toHaveBeenCalledTimes(1);
    const line = log.mock.calls[0]?.[0] as string;
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({
      event: "generation.status",
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      generationId: "gen_1",
      predictionId: "p1",
      status: "succeeded",
      predictTime: 1.25,
      source: "webhook",
    });
  });
});
