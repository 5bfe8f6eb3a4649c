import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { AppError } from "@/lib/errors";
import { MAX_INSTANT, MIN_INSTANT, parseIsoDate, parseIsoDay, parseIsoTimestamp } from "@/shared/iso-date";

// Dates reach PostgreSQL only when they name a real instant it can store (years 0001-9999).

describe("strict ISO dates", () => {
  it("takes real calendar days only", () => {
    expect(parseIsoDay("2025-06-01")?.toISOString()).toBe("2025-06-01T00:00:00.000Z");
    expect(parseIsoDay("2024-02-29")?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(parseIsoDay("0001-01-01")?.getTime()).toBe(MIN_INSTANT);
    expect(parseIsoDay("0099-03-04")?.toISOString()).toBe("0099-03-04T00:00:00.000Z"); // not 1999
    for (const bad of [
      "2025-02-30",
      "2023-02-29",
      "2025-13-01",
      "2025-00-10",
      "2025-04-31",
      "0000-01-01",
      "275760-09-13",
      "2025-6-1",
      "20250601",
      "",
    ]) {
      expect(parseIsoDay(bad), bad).toBeNull();
    }
  });

  it("takes full timestamps with a zone, every field in range", () => {
    expect(parseIsoTimestamp("2025-06-01T12:30Z")?.toISOString()).toBe("2025-06-01T12:30:00.000Z");
    expect(parseIsoTimestamp("2025-06-01T12:30:45.123456+02:00")?.toISOString()).toBe("2025-06-01T10:30:45.123Z");
    expect(parseIsoTimestamp("9999-12-31T23:59:59.999Z")?.getTime()).toBe(MAX_INSTANT);
    for (const bad of [
      "2025-06-01T24:00Z",
      "2025-06-01T12:60Z",
      "2025-06-01T12:00:60Z",
      "2025-06-01T12:00",
      "2025-06-01T12:00+24:00",
      "2025-02-30T00:00:00Z",
      "0001-01-01T00:00:00+01:00", // before year 1 in UTC
      "9999-12-31T23:00:00-05:00", // after year 9999 in UTC
      "275760-09-13T00:00:00Z",
      "March 7 2025",
      "1",
    ]) {
      expect(parseIsoTimestamp(bad), bad).toBeNull();
    }
  });

  it("tells a bare day from a timestamp", () => {
    expect(parseIsoDate("2025-06-01")?.wholeDay).toBe(true);
    expect(parseIsoDate("2025-06-01T00:00:00Z")?.wholeDay).toBe(false);
    expect(parseIsoDate("2025-02-30")).toBeNull();
  });
});

describe("list cursors", () => {
  const forged = (text: string) => Buffer.from(text).toString("base64url");
  const refused = (value: string) => {
    try {
      decodeCursor(value);
      return false;
    } catch (error) {
      return error instanceof AppError && error.status === 400 && error.fields?.[0]?.path === "cursor";
    }
  };

  it("round-trips the cursors it hands out", () => {
    const cursor = { createdAt: "2025-06-01T12:30:45.123456Z", id: "gen_abcdefghijklmnopqrstuv" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it("refuses forged cursors with impossible dates or ids before they reach SQL", () => {
    for (const text of [
      "2025-02-30T00:00:00.000000Z|gen_x",
      "0000-01-01T00:00:00Z|gen_x",
      "2025-06-01T25:00:00Z|gen_x",
      "2025-06-01T00:00:00Z|gen_\u0000",
      "2025-06-01T00:00:00Z|gen x",
      "2025-06-01T00:00:00Z|gen_x|extra",
      "2025-06-01T00:00:00Z|",
    ]) {
      expect(refused(forged(text)), text).toBe(true);
    }
    expect(refused("%%%")).toBe(true);
  });
});
