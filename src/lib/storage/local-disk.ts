import type { Dirent } from "node:fs";
import { open, readdir, rm } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import type { Readable } from "node:stream";
import { writeFileAtomically } from "./atomic-write";
import { contentTypeForKey } from "./keys";
import type { Storage, StoredObject } from "./types";

// Keys become file paths, so they are checked strictly: only our charset, relative, and no
// segment starting with "." (that rules out "..", "." and our own hidden temp files).
const KEY_CHARS = /^[a-zA-Z0-9/._-]+$/;

export function isValidKey(key: string): boolean {
  if (key.length === 0 || key.length > 512 || !KEY_CHARS.test(key) || key.includes("..")) return false;
  return key.split("/").every((segment) => segment.length > 0 && !segment.startsWith("."));
}

export type OpenedFile = {
  body: Readable;
  bytes: number;
  contentType: string;
  modifiedAt: Date;
};

const isMissing = (error: unknown) =>
  typeof error === "object" && error !== null && "code" in error && ["ENOENT", "ENOTDIR", "EISDIR"].includes(String(error.code));

export class LocalDiskStorage implements Storage {
  readonly kind = "local-disk" as const;
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = resolve(dataDir, "files");
  }

  /** Absolute path for a key, or null when the key could escape the files directory. */
  private pathFor(key: string): string | null {
    if (!isValidKey(key)) return null;
    const path = resolve(this.root, key);
    return path.startsWith(this.root + sep) ? path : null;
  }

  async put(key: string, body: Readable, options: { contentType: string }): Promise<StoredObject> {
    const path = this.pathFor(key);
    if (!path) {
      body.destroy();
      throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
    }
    try {
      const bytes = await writeFileAtomically(path, body);
      return { key, url: `/api/files/${key}`, contentType: options.contentType, bytes };
    } catch (error) {
      body.destroy();
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    // Walk only the directory the prefix points into, not the whole store.
    const dir = prefix.slice(0, prefix.lastIndexOf("/") + 1);
    if (dir !== "" && !isValidKey(dir.slice(0, -1))) return [];
    const keys: string[] = [];
    const walk = async (relativeDir: string): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = await readdir(join(this.root, relativeDir), { withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const entry of entries) {
        if (entry.name.startsWith(".")) continue; // temp files of writes in progress
        const key = relativeDir + entry.name;
        if (entry.isDirectory()) await walk(`${key}/`);
        else if (entry.isFile() && key.startsWith(prefix)) keys.push(key);
      }
    };
    await walk(dir);
    return keys.sort();
  }

  async sweep(prefix: string, keep: readonly string[]): Promise<number> {
    // Generation prefixes only (`generations/<id>/`): one directory, no walking the store.
    if (!prefix.endsWith("/") || !isValidKey(prefix.slice(0, -1))) throw new Error(`Invalid sweep prefix: ${prefix}`);
    const dir = join(this.root, prefix);
    const kept = new Set(keep.map((key) => this.pathFor(key)));
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
    let removed = 0;
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (!entry.isFile() || kept.has(path)) continue;
      await rm(path, { force: true });
      removed++;
    }
    return removed;
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      const path = this.pathFor(key);
      if (path) await rm(path, { force: true });
    }
  }

  /** Opens a stored file for serving; null for missing files and keys that are not ours. */
  async open(key: string): Promise<OpenedFile | null> {
    const path = this.pathFor(key);
    if (!path) return null;
    try {
      const file = await open(path, "r");
      // Size and body from one handle: a concurrent overwrite renames a new inode into place,
      // so this reader keeps a consistent view of the old file.
      const stats = await file.stat().catch(async (error: unknown) => {
        await file.close();
        throw error;
      });
      if (!stats.isFile()) {
        await file.close();
        return null;
      }
      return {
        body: file.createReadStream(),
        bytes: stats.size,
        contentType: contentTypeForKey(key),
        modifiedAt: stats.mtime,
      };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }
}
