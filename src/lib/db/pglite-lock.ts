import { randomUUID } from "node:crypto";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";

// PGlite is one process's database: a second process opening the same folder (`npm run
// db:migrate` during `npm run dev`, two dev servers) can corrupt it. So the folder is locked by a
// file beside it naming its owner; a lock whose owner has died is stale and taken over.

type Owner = { pid: number; token: string };

/** This process's identity: the pid alone repeats (pid 1 in every container start). */
const processToken = randomUUID();

function readOwner(file: string): { owner: Owner | null; raw: string } {
  let raw = "";
  try {
    raw = readFileSync(file, "utf8");
    const parsed = JSON.parse(raw) as Partial<Owner>;
    return { owner: typeof parsed.pid === "number" && typeof parsed.token === "string" ? (parsed as Owner) : null, raw };
  } catch {
    return { owner: null, raw };
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A reused pid: on Linux, a live process that is not Node cannot be the owner.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("node");
  } catch {
    return true;
  }
}

/** Locks `dataDir` for this process; returns the release. Throws when another live process holds it. */
export function lockPgliteFolder(dataDir: string): () => void {
  const file = `${dataDir}.lock`;
  const mine = JSON.stringify({ pid: process.pid, token: processToken });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, mine, { flag: "wx", mode: 0o600 });
      return () => {
        if (readOwner(file).raw === mine) unlinkSync(file);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const { owner, raw } = readOwner(file);
    const sameProcess = owner?.pid === process.pid && owner.token === processToken;
    const live = owner !== null && (sameProcess || (owner.pid !== process.pid && isAlive(owner.pid)));
    if (live) {
      throw new Error(
        `The embedded database in ${dataDir} is already open in ${sameProcess ? "this process" : `another process (pid ${owner.pid})`}. ` +
          "Stop that process first (e.g. a running `npm run dev`), or point DATA_DIR elsewhere. " +
          `If no such process exists, delete ${file}.`,
      );
    }
    // Stale (its owner is gone): take it over, unless someone else just did.
    if (readOwner(file).raw === raw) unlinkSync(file);
  }
  throw new Error(`Could not lock the embedded database in ${dataDir} (${file} keeps changing)`);
}
