import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD_CANARIES } from "./build";

// The build ran with every secret set (BUILD_CANARIES); none may appear in what browsers get.
const staticDir = path.resolve(import.meta.dirname, "../../.next/static");

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe("client bundle", () => {
  const files = allFiles(staticDir).filter((f) => /\.(js|css|json|html|txt|map)$/.test(f));
  const text = files.map((f) => readFileSync(f, "utf8")).join("\n");

  it("is a real bundle (the scan reads the app's own client code)", () => {
    expect(files.length).toBeGreaterThan(5);
    expect(text).toContain("/api/generations");
  });

  it.each(Object.entries(BUILD_CANARIES))("contains no %s", (_name, value) => {
    expect(text.includes(value)).toBe(false);
  });

  it("contains nothing shaped like a Replicate token or webhook secret", () => {
    expect(text).not.toMatch(/r8_[A-Za-z0-9]{30,}/);
    expect(text).not.toMatch(/whsec_[A-Za-z0-9+/=]{20,}/);
  });
});
