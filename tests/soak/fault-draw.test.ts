import { describe, expect, it } from "vitest";
import { drawDigest, drawJobs, histogram, KIND_NAMES, mulberry32, soakSeed } from "./fault-draw";

// The soak's draw without the soak: cheap enough for every `npm test`.

describe("soak fault draw", () => {
  const seed = soakSeed();

  it(`the same seed gives the same draw (seed ${seed})`, () => {
    const first = drawJobs(seed, 300);
    const second = drawJobs(seed, 300);
    expect(second).toEqual(first);
    expect(drawDigest(second)).toBe(drawDigest(first));
    expect(drawDigest(drawJobs(seed ^ 1, 300))).not.toBe(drawDigest(first));
  });

  it("draws every kind when n allows, including the harsh new ones", () => {
    for (const n of [KIND_NAMES.length, 200, 300]) {
      const counts = histogram(drawJobs(seed, n));
      expect(Object.keys(counts).sort()).toEqual([...KIND_NAMES].sort());
    }
    const prompts = drawJobs(seed, 300).map((j) => j.prompt);
    for (const marker of [
      "[file-404:",
      "[file-reset:",
      "[create-hold]",
      "[create-reset-late]",
      "[create-malformed:",
      "[cancel-503:",
    ]) {
      expect(prompts.some((p) => p.includes(marker))).toBe(true);
    }
  });

  it("tags are unique and never read as fault markers", () => {
    const jobs = drawJobs(seed, 300);
    expect(new Set(jobs.map((j) => j.tag)).size).toBe(300);
    for (const job of jobs) expect(job.prompt.startsWith(`${job.tag} `)).toBe(true);
    for (const job of jobs.filter((j) => j.rules.length > 0)) expect(job.rules[0]?.match).toBe(job.tag);
  });

  it("mulberry32 stays the same function, so seeds printed by earlier runs still replay", () => {
    const rand = mulberry32(1);
    const firstThree = [rand(), rand(), rand()].map((x) => Math.floor(x * 4_294_967_296));
    expect(firstThree).toEqual([2693262067, 11749833, 2265367787]); // recorded from this implementation
    const many = Array.from({ length: 10_000 }, mulberry32(seed));
    expect(Math.min(...many)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...many)).toBeLessThan(1);
  });

  it("SOAK_SEED must be a 32-bit unsigned integer", () => {
    expect(soakSeed("42")).toBe(42);
    expect(() => soakSeed("-1")).toThrow(/SOAK_SEED/);
    expect(() => soakSeed("abc")).toThrow(/SOAK_SEED/);
    expect(soakSeed(undefined)).toBeGreaterThanOrEqual(0);
  });
});
