import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A newcomer follows README.md → docs/architecture.md → the code: every repository path those
// documents name must exist, and the README's map must show every folder of src/ and tests/.

const repo = path.resolve(import.meta.dirname, "../..");
const docs = [
  "README.md",
  "CLAUDE.md",
  ...readdirSync(path.join(repo, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** Top-level folders whose paths a document may name (generated ones such as .data/ are not checked). */
const REPO_PATH = /^(src|tests|docs|scripts|drizzle|catalogue|public|\.ci)(\/|$)/;

function allFiles(dir = ""): string[] {
  return readdirSync(path.join(repo, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.name === "node_modules" || entry.name.startsWith(".next") || entry.name === ".git") return [];
    return entry.isDirectory() ? [rel, ...allFiles(rel)] : [rel];
  });
}
const files = allFiles();

/**
 * `src/lib/db/{index,drivers}.ts` → both; `src/app/api/**\/route.ts` and `*-queries.ts` as globs;
 * a placeholder such as `<owner>__<name>.json` as a glob too.
 */
function exists(named: string): boolean {
  const pattern = named.replace(/<[^<>/]+>/g, "*");
  const brace = /\{([^}]*)\}/.exec(pattern);
  if (brace) return brace[1]!.split(",").every((part) => exists(pattern.replace(brace[0], part)));
  const clean = pattern.replace(/\/$/, "");
  if (!clean.includes("*")) return existsSync(path.join(repo, clean));
  const regex = new RegExp(
    `^${clean
      .split(/(\*\*\/|\*)/)
      .map((piece) => (piece === "**/" ? "(?:.*/)?" : piece === "*" ? "[^/]*" : piece.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
      .join("")}$`,
  );
  return files.some((file) => regex.test(file));
}

/** Repository paths a document names: relative links, and backticked paths outside external links. */
function namedPaths(doc: string): string[] {
  const text = readFileSync(path.join(repo, doc), "utf8");
  const named: string[] = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (!target || /^(https?:|mailto:|#)/.test(target)) continue;
    named.push(path.posix.normalize(path.posix.join(path.posix.dirname(doc), target.split("#")[0] ?? "")));
  }
  // A backticked name inside an external link's text belongs to that other repository.
  const withoutExternalLinks = text.replace(/\[[^\]]*\]\(https?:[^)]*\)/g, "");
  for (const [, code] of withoutExternalLinks.matchAll(/`([^`\s]+)`/g)) {
    const candidate = code?.replace(/:\d+(-\d+)?$/, "");
    if (candidate && REPO_PATH.test(candidate)) named.push(candidate);
  }
  return named;
}

describe("paths named in the docs", () => {
  it.each(docs)("%s names only paths that exist", (doc) => {
    expect(namedPaths(doc).filter((p) => !exists(p))).toEqual([]);
  });

  it("finds the paths a document names (links, backticks, globs, braces) and notices a missing one", () => {
    expect(namedPaths("README.md").length).toBeGreaterThan(20);
    expect(namedPaths("CLAUDE.md")).toEqual(
      expect.arrayContaining(["src/lib/env.ts", "src/app/api/**/route.ts", "docs/architecture.md"]),
    );
    expect(exists("src/lib/db/{index,drivers,schema}.ts")).toBe(true);
    expect(exists("src/lib/db/*-queries.ts")).toBe(true);
    expect(exists("src/lib/db/{index,gone}.ts")).toBe(false);
    expect(exists("src/app/api/**/nothing.ts")).toBe(false);
  });

  it("the README's map shows every folder under src/, src/lib/ and tests/", () => {
    const readme = readFileSync(path.join(repo, "README.md"), "utf8");
    const map = /## Architecture[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const folders = ["src", "src/lib", "tests"].flatMap((dir) =>
      readdirSync(path.join(repo, dir), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => `${dir}/${e.name}`),
    );
    expect(folders.length).toBeGreaterThan(10);
    expect(folders.filter((folder) => !map.includes(`${path.posix.basename(folder)}/`))).toEqual([]);
  });
});
