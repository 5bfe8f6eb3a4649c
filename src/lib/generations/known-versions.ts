import "server-only";

// Generation versions this instance has read, so a status poll whose ETag is still current is
// answered 304 from memory, without a query. Only while the instance hears every change
// (change-signal.ts: LISTEN on PostgreSQL, PGlite's own listen; never on Neon): a change report
// forgets the generation's versions, losing the feed forgets them all, and this instance's own
// writes forget theirs once committed (so a client that changed a generation here never gets a
// 304 for the old version after our answer). A read that a change report overtook is not kept,
// and no version is kept longer than TTL_MS: a bound on how stale an answer can be if a report
// is lost without the connection saying so.

export const KNOWN_VERSION_TTL_MS = 5_000;
const MAX_GENERATIONS = 10_000;

type Entry = { version: string; at: number };
/** Generation id → whose view (owner id, or "" for an admin's) → version. */
const known = new Map<string, Map<string, Entry>>();
/** Reads in progress, per generation: a change report marks them overtaken. */
const reading = new Map<string, Set<VersionRead>>();
let live = false;
/** Moves whenever the feed goes up or down: a read begun in another epoch is not kept. */
let epoch = 0;

/** `startedAt`: a version is as old as the read that found it, not its answer. */
export type VersionRead = { id: string; epoch: number; overtaken: boolean; startedAt: number };

const viewerKey = (ownerId: string | null) => ownerId ?? "";

/** The version last read for this viewer, when it is still known to be current. */
export function knownVersion(id: string, ownerId: string | null, now = Date.now()): string | undefined {
  if (!live) return undefined;
  const views = known.get(id);
  const entry = views?.get(viewerKey(ownerId));
  if (!views || !entry) return undefined;
  if (now - entry.at < KNOWN_VERSION_TTL_MS) return entry.version;
  // Expired, not changed: only this entry goes, and reads in progress may still keep what they find.
  views.delete(viewerKey(ownerId));
  if (views.size === 0) known.delete(id);
  return undefined;
}

/** Call before reading a version from the database; pass the result to `endVersionRead`. */
export function beginVersionRead(id: string, now = Date.now()): VersionRead {
  const read: VersionRead = { id, epoch, overtaken: false, startedAt: now };
  const set = reading.get(id) ?? new Set();
  set.add(read);
  reading.set(id, set);
  return read;
}

/** Keeps what the read found, unless a change was reported (or the feed moved) meanwhile. */
export function endVersionRead(read: VersionRead, ownerId: string | null, version: string | null) {
  const set = reading.get(read.id);
  set?.delete(read);
  if (set?.size === 0) reading.delete(read.id);
  if (version === null || read.overtaken || !live || read.epoch !== epoch) return;
  let views = known.get(read.id);
  // Re-inserted below: the map's order is least recently read first.
  if (views) known.delete(read.id);
  else if (known.size >= MAX_GENERATIONS) known.delete(known.keys().next().value as string);
  views ??= new Map();
  views.set(viewerKey(ownerId), { version, at: read.startedAt });
  known.set(read.id, views);
}

/** A generation changed (reported by the database, or written by this instance): forget it. */
export function forgetGeneration(id: string) {
  known.delete(id);
  for (const read of reading.get(id) ?? []) read.overtaken = true;
}

/** The feed is up (versions may be kept) or down (nothing known is trusted any more). */
export function setChangeFeedLive(up: boolean) {
  if (up === live) return;
  live = up;
  epoch += 1;
  known.clear();
  for (const set of reading.values()) for (const read of set) read.overtaken = true;
}

/** How many generations have a known version (tests, diagnostics). */
export const knownGenerationCount = () => known.size;
