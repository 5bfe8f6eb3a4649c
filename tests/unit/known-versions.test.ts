import { beforeEach, describe, expect, it } from "vitest";
import {
  beginVersionRead,
  endVersionRead,
  forgetGeneration,
  KNOWN_VERSION_TTL_MS,
  knownGenerationCount,
  knownVersion,
  setChangeFeedLive,
} from "../../src/lib/generations/known-versions";

// The versions a status poll may answer 304 from without a query: only what was read while the
// change feed was up, never a read a change report overtook, never for another viewer, and never
// past the TTL.

function read(id: string, ownerId: string | null, version: string | null, startedAt?: number) {
  endVersionRead(beginVersionRead(id, startedAt), ownerId, version);
}

describe("known versions", () => {
  beforeEach(() => {
    setChangeFeedLive(false);
    setChangeFeedLive(true);
  });

  it("keeps what a read found, for that viewer only", () => {
    read("gen_a", "own_1", "100");
    expect(knownVersion("gen_a", "own_1")).toBe("100");
    expect(knownVersion("gen_a", "own_2")).toBeUndefined();
    expect(knownVersion("gen_a", null)).toBeUndefined();
    read("gen_a", null, "100");
    expect(knownVersion("gen_a", null)).toBe("100");
  });

  it("keeps nothing for a generation that was not found", () => {
    read("gen_missing", "own_1", null);
    expect(knownVersion("gen_missing", "own_1")).toBeUndefined();
  });

  it("forgets a generation when a change is reported, for every viewer", () => {
    read("gen_a", "own_1", "100");
    read("gen_a", null, "100");
    read("gen_b", "own_1", "7");
    forgetGeneration("gen_a");
    expect(knownVersion("gen_a", "own_1")).toBeUndefined();
    expect(knownVersion("gen_a", null)).toBeUndefined();
    expect(knownVersion("gen_b", "own_1")).toBe("7");
  });

  it("does not keep a read that a change report overtook (it may have read the old row)", () => {
    const overtaken = beginVersionRead("gen_a");
    const other = beginVersionRead("gen_b");
    forgetGeneration("gen_a");
    endVersionRead(overtaken, "own_1", "100");
    endVersionRead(other, "own_1", "5");
    expect(knownVersion("gen_a", "own_1")).toBeUndefined();
    expect(knownVersion("gen_b", "own_1")).toBe("5");
  });

  it("trusts nothing while the feed is down, nor any read begun before it came back", () => {
    read("gen_a", "own_1", "100");
    const during = beginVersionRead("gen_a");
    setChangeFeedLive(false);
    expect(knownVersion("gen_a", "own_1")).toBeUndefined();
    read("gen_b", "own_1", "5");
    expect(knownVersion("gen_b", "own_1")).toBeUndefined();
    const before = beginVersionRead("gen_c");
    setChangeFeedLive(true);
    endVersionRead(during, "own_1", "100");
    endVersionRead(before, "own_1", "9");
    expect(knownVersion("gen_a", "own_1")).toBeUndefined();
    expect(knownVersion("gen_c", "own_1")).toBeUndefined();
    expect(knownGenerationCount()).toBe(0);
  });

  it("forgets a version once the TTL has passed since the read that found it began", () => {
    const at = 1_000_000;
    read("gen_a", "own_1", "100", at);
    expect(knownVersion("gen_a", "own_1", at + KNOWN_VERSION_TTL_MS - 1)).toBe("100");
    expect(knownVersion("gen_a", "own_1", at + KNOWN_VERSION_TTL_MS)).toBeUndefined();
    expect(knownGenerationCount()).toBe(0);
  });

  it("holds at most 10,000 generations, dropping the least recently read", () => {
    for (let i = 0; i < 10_000; i++) read(`gen_${i}`, "own_1", "1");
    read("gen_0", "own_1", "2"); // read again: now the most recent
    read("gen_new", "own_1", "1");
    expect(knownGenerationCount()).toBe(10_000);
    expect(knownVersion("gen_0", "own_1")).toBe("2");
    expect(knownVersion("gen_1", "own_1")).toBeUndefined();
    expect(knownVersion("gen_new", "own_1")).toBe("1");
  });
});
