import "server-only";
import { env } from "@/lib/env";
import { LocalDiskStorage } from "./local-disk";
import type { Storage } from "./types";
import { VercelBlobStorage } from "./vercel-blob";

export type { Storage, StoredObject } from "./types";

// The one place that picks the storage mode: Vercel Blob when its token is set (serverless
// instances share no disk), otherwise files under DATA_DIR served by /api/files.
let storage: Storage | undefined;

export function getStorage(): Storage {
  if (!storage) {
    const { BLOB_READ_WRITE_TOKEN, DATA_DIR } = env();
    storage = BLOB_READ_WRITE_TOKEN ? new VercelBlobStorage(BLOB_READ_WRITE_TOKEN) : new LocalDiskStorage(DATA_DIR);
  }
  return storage;
}

/** The local-disk adapter, for the route that serves its files; undefined in Blob mode. */
export function getLocalDiskStorage(): LocalDiskStorage | undefined {
  const current = getStorage();
  return current instanceof LocalDiskStorage ? current : undefined;
}
