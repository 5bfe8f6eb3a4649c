import "server-only";
import { type Db, type DbHandle, openConfiguredDatabase } from "./drivers";

export type { Db } from "./drivers";

// The one database client. The handle lives on globalThis so dev-server reloads reuse it:
// two PGlite instances on one data directory would corrupt it.
const globalForDb = globalThis as typeof globalThis & { __dbHandle?: Promise<DbHandle> };

export async function getDbHandle(): Promise<DbHandle> {
  if (!globalForDb.__dbHandle) {
    const opening = openConfiguredDatabase();
    globalForDb.__dbHandle = opening;
    // Never cache a failed open: the next request tries again (e.g. after a DB restart).
    opening.catch(() => {
      if (globalForDb.__dbHandle === opening) globalForDb.__dbHandle = undefined;
    });
  }
  return globalForDb.__dbHandle;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export async function closeDb(): Promise<void> {
  const handle = globalForDb.__dbHandle;
  globalForDb.__dbHandle = undefined;
  if (handle) await (await handle).close();
}
