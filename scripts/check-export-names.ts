// npm run lint: fails when two files under src export the same name (one concept, one name).
// Two exports of one name with different meanings get mistaken for each other at an import;
// the same meaning twice is a copy. Next's file conventions (a route's GET, a page's metadata…)
// are exported by many files by design, so they are left out.
// Usage: tsx scripts/check-export-names.ts [root]   (root defaults to this repository)
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Names Next.js looks for in route, page and layout files: every such file exports its own. */
export const nextConventions: ReadonlySet<string> = new Set([
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "dynamic",
  "metadata",
  "generateMetadata",
  "runtime",
  "revalidate",
  "default",
]);

const EXPORT = /^export\s+(?:declare\s+)?(?:async\s+)?(?:const|let|function\*?|type|interface|class|enum)\s+([A-Za-z_$][\w$]*)/gm;

/** The names a source file exports by declaration (`export const x`, `export async function f`…). */
export function exportedNames(source: string): string[] {
  return [...source.matchAll(EXPORT)].map((m) => m[1] as string);
}

function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith(".d.ts"))
    .map((file) => path.posix.join(dir, file.split(path.sep).join("/")));
}

/** Each name exported from more than one file under root/src, with those files (sorted). */
export function duplicateExports(root: string): { name: string; files: string[] }[] {
  const byName = new Map<string, Set<string>>();
  for (const file of sourceFiles(root, "src")) {
    for (const name of exportedNames(readFileSync(path.join(root, file), "utf8"))) {
      if (nextConventions.has(name)) continue;
      byName.set(name, (byName.get(name) ?? new Set()).add(file));
    }
  }
  return [...byName]
    .filter(([, files]) => files.size > 1)
    .map(([name, files]) => ({ name, files: [...files].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, ".."));
  const duplicates = duplicateExports(root);
  for (const d of duplicates) console.error(`${d.name}: exported by ${d.files.join(", ")}`);
  if (duplicates.length > 0) {
    console.error(`\n${duplicates.length} name(s) exported from more than one file: give each meaning its own name.`);
    process.exit(1);
  }
  console.log("Exports: no name is exported from two files under src.");
}
