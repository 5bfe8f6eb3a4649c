import { FILE_CSP } from "./content-security-policy";

// Headers for a stored output served from our own origin (/api/files, local-disk mode).

/**
 * A download name from the storage key: `generations/<id>/0.png` → `<id>-0.png`. Keys are ours
 * (src/lib/storage/keys.ts), but the name is still reduced to a safe charset so it can never
 * break out of the quoted header value or name a path.
 */
export function downloadName(key: string): string {
  const parts = key.split("/").filter((part) => part !== "" && part !== "generations");
  const name = parts
    .join("-")
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .replace(/^[.-]+/, "")
    .slice(-120);
  return name || "image";
}

/** Shown inline (the pages and a directly opened tab), sandboxed, never sniffed as anything else. */
export function storedFileHeaders(key: string): Record<string, string> {
  return {
    "content-disposition": `inline; filename="${downloadName(key)}"`,
    "content-security-policy": FILE_CSP,
    "x-content-type-options": "nosniff",
  };
}
