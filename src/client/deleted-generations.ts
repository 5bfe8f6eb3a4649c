import "client-only";

// Generations deleted in this tab. A page restored by Back comes from Next's router cache with
// the data it was first rendered with (the gallery's first page, a group), which may still hold
// one: it is left out at once, not shown (its image already gone) until the page's read lands.

const deleted = new Set<string>();

export function markDeletedInTab(id: string): void {
  deleted.add(id);
}

/** `generations` without those deleted in this tab (the same array when none of them is). */
export function withoutDeleted<T extends { id: string }>(generations: T[]): T[] {
  return generations.some((g) => deleted.has(g.id)) ? generations.filter((g) => !deleted.has(g.id)) : generations;
}
