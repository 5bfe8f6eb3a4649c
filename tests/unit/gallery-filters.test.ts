import { randomInt } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listGenerationsQuery } from "../../src/app/api/generations/schema";
import { modelKeys } from "../../src/lib/replicate/models";
import { galleryFilterParams, galleryFiltersFrom, hasGalleryFilters } from "../../src/shared/gallery-filters";
import { statusFilters } from "../../src/shared/generation-status";

// The gallery's filters in the page's address (`/?status=failed…`): whatever an address holds,
// the studio opens, and the filters it takes from it are ones the list API accepts and reads the
// same way. PROPERTY_SEED replays a run; the seed is printed.

const seed = Number(process.env.PROPERTY_SEED ?? randomInt(2 ** 31));
console.log(`gallery filters: PROPERTY_SEED=${seed}`);

const valueFor = (name: string) =>
  ({
    q: fc.oneof(fc.string({ maxLength: 220 }), fc.constantFrom("cat", " ", "")),
    model: fc.oneof(fc.constantFrom(...modelKeys), fc.string({ maxLength: 20 })),
    status: fc.oneof(fc.constantFrom(...statusFilters), fc.string({ maxLength: 12 })),
    favourite: fc.constantFrom("true", "false", "1", ""),
    hideFailed: fc.constantFrom("true", "false", "yes", ""),
  })[name] ?? fc.string({ maxLength: 12 });

const addressQuery = fc.dictionary(
  fc.constantFrom("q", "model", "status", "favourite", "hideFailed", "edit", "tool"),
  fc.constantFrom("q", "model", "status", "favourite", "hideFailed", "edit", "tool").chain(valueFor),
);

describe("gallery filters in the address", () => {
  it("keeps what the list API accepts and means the same by it, and drops the rest", () => {
    fc.assert(
      fc.property(addressQuery, fc.option(fc.constantFrom("q", "status"), { nil: undefined }), (query, repeated) => {
        const asked: Record<string, string | string[] | undefined> = { ...query };
        // A repeated parameter (`?status=a&status=b`) arrives as a list: not a filter.
        if (repeated) asked[repeated] = ["failed", "x"];
        const filters = galleryFiltersFrom(asked, modelKeys);
        const params = Object.fromEntries(galleryFilterParams(filters));
        const parsed = listGenerationsQuery.safeParse({ cursor: null, ...params });
        expect(parsed.success, JSON.stringify(params)).toBe(true);
        if (!parsed.success) return;
        expect(parsed.data.filters).toEqual({
          q: filters.q?.trim() || undefined,
          model: filters.model,
          status: filters.status,
          favourite: filters.favourite ?? false,
          hideFailed: filters.hideFailed ?? false,
        });
        expect(hasGalleryFilters(filters)).toBe(Object.keys(params).length > 0);
      }),
      { seed, numRuns: 300 },
    );
  });

  it("writes back exactly what it read for well-formed filters", () => {
    const filters = { q: "red fox", model: modelKeys[0], status: "failed", favourite: true };
    expect(galleryFiltersFrom(Object.fromEntries(galleryFilterParams(filters)), modelKeys)).toEqual(filters);
    const hiding = { q: "red fox", favourite: true, hideFailed: true };
    expect(galleryFiltersFrom(Object.fromEntries(galleryFilterParams(hiding)), modelKeys)).toEqual(hiding);
    expect(galleryFiltersFrom({ model: "gone-model", status: "paused", favourite: "1" }, modelKeys)).toEqual({});
    expect(hasGalleryFilters({ q: "   " })).toBe(false);
  });

  it("drops Hide failed beside one status: with Failed it would empty the list, with any other it adds nothing", () => {
    for (const status of ["failed", "succeeded", "active"]) {
      expect(galleryFiltersFrom({ status, hideFailed: "true" }, modelKeys)).toEqual({ status });
      expect(galleryFilterParams({ status, hideFailed: true }).toString()).toBe(`status=${status}`);
    }
  });
});
