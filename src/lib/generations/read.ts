import "server-only";
import { createHash } from "node:crypto";
import { ifNoneMatchNames } from "@/shared/etag";
import type { GenerationPage, GenerationView } from "@/shared/generation-view";
import { getDb } from "../db";
import { decodeCursor, encodeCursor } from "../db/cursor";
import { listOwnerGenerations, type OwnerListFilters } from "../db/owner-list-queries";
import { getGenerationVersion, getGenerationWithOutputs } from "../db/poll-queries";
import type { Executor } from "../db/types";
import { AppError } from "../errors";
import { models } from "../replicate/models";
import { changeFeedAvailable } from "./change-signal";
import { beginVersionRead, endVersionRead, knownVersion } from "./known-versions";
import { toGenerationView } from "./view";

// Same answer for "does not exist" and "not yours", so ids cannot be probed.
const notFound = () => new AppError("not_found", "Generation not found");

/** One generation as its owner (or an admin, ownerId null) sees it; 404 for anyone else. */
export async function getGenerationView(id: string, ownerId: string | null): Promise<GenerationView> {
  const found = await getGenerationWithOutputs(await getDb(), { id, ownerId });
  if (!found) throw notFound();
  return toGenerationView(found.row, found.outputs);
}

// What a body takes from outside its row (the catalogue's labels) is part of every ETag, so a
// deploy that renames a model is not answered with a 304 for the old name.
const catalogueTag = createHash("sha1")
  .update(JSON.stringify(models.map((m) => [m.key, m.label])))
  .digest("base64url")
  .slice(0, 8);

const etagOf = (version: string) => `W/"${version}.${catalogueTag}"`;

/**
 * A status poll: the ETag comes from the row's version (known in memory while this instance hears
 * every change, else one primary-key read), and only when it differs from the one the browser
 * holds are the row and its outputs read and the body built. `body` is null when the browser's
 * copy is current (answer 304). `fresh`: read the version from the database whatever is known
 * (a held poll's recheck, in case a change report was lost).
 */
export async function pollGeneration(
  id: string,
  ownerId: string | null,
  ifNoneMatch: string | null,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<{ etag: string; body: string | null }> {
  const db = await getDb();
  if (ifNoneMatch) {
    const version = (fresh ? undefined : knownCurrentVersion(id, ownerId)) ?? (await readVersion(db, id, ownerId));
    if (version === null) throw notFound();
    const etag = etagOf(version);
    if (ifNoneMatchNames(ifNoneMatch, etag)) return { etag, body: null };
  }
  const found = await remembered(
    id,
    ownerId,
    () => getGenerationWithOutputs(db, { id, ownerId }),
    (f) => f?.version ?? null,
  );
  if (!found) throw notFound();
  // The version read with the body: the row may have moved since the first read.
  return { etag: etagOf(found.version), body: JSON.stringify(toGenerationView(found.row, found.outputs)) };
}

/** The version known in memory, once this instance hears changes; a poll never waits for the subscription. */
function knownCurrentVersion(id: string, ownerId: string | null): string | undefined {
  void changeFeedAvailable();
  return knownVersion(id, ownerId);
}

const readVersion = (db: Executor, id: string, ownerId: string | null) =>
  remembered(
    id,
    ownerId,
    () => getGenerationVersion(db, { id, ownerId }),
    (version) => version,
  );

/** A database read of a generation whose version is kept in memory (known-versions.ts) when it may be. */
async function remembered<T>(id: string, ownerId: string | null, read: () => Promise<T>, versionOf: (value: T) => string | null) {
  const mark = beginVersionRead(id);
  let version: string | null = null;
  try {
    const value = await read();
    version = versionOf(value);
    return value;
  } finally {
    endVersionRead(mark, ownerId, version);
  }
}

export async function listOwnerGenerationViews(
  ownerId: string,
  cursor: string | null,
  limit: number,
  filters: OwnerListFilters = {},
): Promise<GenerationPage> {
  const page = await listOwnerGenerations(await getDb(), { ownerId, cursor: decodeCursor(cursor), limit, filters });
  return {
    generations: page.items.map(({ row, outputs }) => toGenerationView(row, outputs)),
    nextCursor: page.next ? encodeCursor(page.next) : null,
  };
}
