import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { duplicateExports, exportedNames } from "../../scripts/check-export-names";

// One concept, one name (npm run lint): no name is exported from two files under src, so an
// import can never pick up the other meaning (the browser's HTTP call for the server's domain
// function, the emulator's rule for the app's). Next's file conventions are exported by design.

const repo = path.resolve(import.meta.dirname, "../..");
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "exports-"));
  made.push(root);
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), source);
  }
  return root;
}

describe("exported names", () => {
  it("no name is exported from two files in this repository", () => {
    expect(duplicateExports(repo)).toEqual([]);
  });

  it("reads every kind of declaration export, and only declarations", () => {
    const source = [
      "export const a = 1;",
      "export async function b() {}",
      "export function c() {}",
      "export type D = string;",
      "export interface E {}",
      "export class F {}",
      "export enum G {}",
      "const h = 1;",
      "  export const indented = 1;",
      'export { h } from "./h";',
      "// export const inComment = 1;",
    ].join("\n");
    expect(exportedNames(source)).toEqual(["a", "b", "c", "D", "E", "F", "G"]);
  });

  it("fails on one name exported by two files, naming both (a .tsx as well as a .ts)", () => {
    const root = tree({
      "src/lib/generations/curate.ts": "export async function deleteGeneration(id: string) {}\n",
      "src/client/generations-api.tsx": "export const deleteGeneration = (id: string) => fetch(id);\n",
      "src/lib/other.ts": "export type Unique = string;\n",
    });
    expect(duplicateExports(root)).toEqual([
      { name: "deleteGeneration", files: ["src/client/generations-api.tsx", "src/lib/generations/curate.ts"] },
    ]);
  });

  it("leaves out Next's file conventions, which every route and page exports", () => {
    const route = "export const GET = () => 1;\nexport const POST = () => 1;\nexport const dynamic = 'force-dynamic';\n";
    const page = "export const metadata = {};\nexport async function generateMetadata() {}\nexport const revalidate = 0;\n";
    const root = tree({
      "src/app/api/a/route.ts": route,
      "src/app/api/b/route.ts": `${route}export const PATCH = () => 1;\nexport const DELETE = () => 1;\nexport const PUT = () => 1;\n`,
      "src/app/api/c/route.ts":
        "export const PATCH = () => 1;\nexport const DELETE = () => 1;\nexport const PUT = () => 1;\nexport const runtime = 'nodejs';\n",
      "src/app/a/page.tsx": page,
      "src/app/b/page.tsx": `${page}export const runtime = 'nodejs';\n`,
    });
    expect(duplicateExports(root)).toEqual([]);
  });
});
