import { describe, expect, it } from "vitest";
import { canTransition, generationStatuses, isTerminal, statusesThatMayBecome } from "@/shared/generation-status";

describe("state machine", () => {
  it("moves forward through the happy path", () => {
    expect(canTransition("queued", "starting")).toBe(true);
    expect(canTransition("starting", "processing")).toBe(true);
    expect(canTransition("processing", "succeeded")).toBe(true);
    expect(canTransition("queued", "succeeded")).toBe(true); // a webhook may overtake the create answer
  });

  it("never moves backwards", () => {
    expect(canTransition("processing", "starting")).toBe(false);
    expect(canTransition("starting", "queued")).toBe(false);
    expect(canTransition("succeeded", "processing")).toBe(false);
  });

  it("treats every terminal state as final", () => {
    for (const terminal of ["succeeded", "failed", "canceled"] as const) {
      expect(isTerminal(terminal)).toBe(true);
      for (const next of generationStatuses) expect(canTransition(terminal, next)).toBe(false);
    }
  });

  it("lets processing repeat (progress grows) but not starting", () => {
    expect(canTransition("processing", "processing")).toBe(true);
    expect(canTransition("starting", "starting")).toBe(false);
  });

  it("gives the WHERE clause of each target status", () => {
    expect(statusesThatMayBecome("canceled")).toEqual(["queued", "starting", "processing"]);
    expect(statusesThatMayBecome("processing")).toEqual(["queued", "starting", "processing"]);
    expect(statusesThatMayBecome("queued")).toEqual([]);
  });
});
