import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseSnapshot, type Snapshot, snapshotFileName } from "../../src/lib/replicate/catalogue/snapshot";

// Reading and writing catalogue/snapshots/<owner>__<name>.json.

export const SNAPSHOTS_DIR = fileURLToPath(new URL("../../catalogue/snapshots/", import.meta.url));

export function readSnapshots(dir: string): { file: string; snapshot: Snapshot }[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ file, snapshot: parseSnapshot(JSON.parse(readFileSync(path.join(dir, file), "utf8")), file) }));
}

export function writeSnapshot(dir: string, snapshot: Snapshot): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, snapshotFileName(snapshot.owner, snapshot.name));
  writeFileSync(file, `${JSON.stringify(snapshot, null, 2)}\n`);
  return file;
}

/** `owner/name:<64 hex>` (community, pinned) or `owner/name` (official: its latest version). */
export function parseModelRef(ref: string): { owner: string; name: string; version: string | null } | null {
  const match = /^([a-z0-9][a-z0-9._-]*)\/([a-z0-9][a-z0-9._-]*)(?::([0-9a-f]{64}))?$/i.exec(ref);
  if (!match) return null;
  const [, owner = "", name = "", version] = match;
  return { owner, name, version: version ?? null };
}
