import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

// What storage holds for a generation's outputs: each original (`<index>.png`) with its sized
// WebP copies beside it (`<index>-w<width>.webp`, src/lib/storage/variants.ts). The emulator's
// outputs are 1024 px wide unless asked otherwise, so each gets all three copies. The copies are
// made after the success is answered (src/lib/generations/output-variants.ts): wait for them.

const COPY_WIDTHS = [320, 640, 1024];

/** A generation's directory under a local-disk data directory. */
export const generationDir = (dataDir: string, id: string) => path.join(dataDir, "files", "generations", id);

/** The file names stored for a generation on local disk, sorted (none when its directory is gone). */
export function storedFiles(dataDir: string, id: string): string[] {
  const dir = generationDir(dataDir, id);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** The file names of outputs `indexes`, each with its copies, sorted as `readdirSync(…).sort()` lists them. */
export function outputFiles(...indexes: number[]): string[] {
  return indexes.flatMap((i) => [`${i}.png`, ...COPY_WIDTHS.map((w) => `${i}-w${w}.webp`)]).sort();
}

/**
 * `vi.waitFor` options for the sized copies, made after the success commit. They are encoded by a
 * child at the lowest CPU priority, which yields to everything else a full parallel run puts on
 * two cores: 20 s was once not enough (faults' [slow-file], outputs on Neon). A bound, not a
 * figure: the wait ends as soon as the files are there. The test timeout (vitest.config.ts) is
 * longer than this.
 */
export const COPIES_MADE = { timeout: 60_000, interval: 20 };
