import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { IForbiddenRuleType } from "dependency-cruiser";

// The import rules of this codebase, checked by scripts/check-layers.ts (npm run lint) with
// dependency-cruiser. Layers point one way:
//
//   src/app ──▶ src/lib/{generations,admin} ──▶ src/lib/{db,replicate,storage} ──▶ src/shared
//          ╲──▶ src/lib/{http,auth} ─────────────────────────────────────────────╱
//   src/components ──▶ src/client ──▶ src/shared          src/emulator: a peer, imports none of them
//   catalogue/ (model snapshots, data): imported by src/lib/replicate only; the emulator reads it too
//
// src/shared is the pure leaf both sides use (statuses, the API's JSON shapes, time helpers).

const SRC = "^src/";
/** Files that start with the "use client" directive (outside the browser folders). */
export function filesMarkedUseClient(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (/\.(ts|tsx)$/.test(entry.name) && /^\s*["']use client["']/.test(readFileSync(path.join(root, rel), "utf8"))) {
        found.push(rel);
      }
    }
  };
  walk("src");
  return found;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function layerRules(root: string): IForbiddenRuleType[] {
  const browser = ["^src/client/", "^src/components/", ...filesMarkedUseClient(root).map((f) => `^${escapeRegExp(f)}$`)];
  return [
    {
      name: "no-folder-cycle",
      comment: "Folders depend on each other one way only; a cycle between two folders means a layer points back.",
      severity: "error",
      scope: "folder",
      from: { path: SRC },
      to: { path: SRC, circular: true },
    },
    {
      name: "no-module-cycle",
      comment: "No module imports itself through others at run time (a cycle of type-only imports is harmless).",
      severity: "error",
      from: { path: SRC },
      to: { path: SRC, circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "lib-imports-app",
      comment: "src/lib is the server's domain; routes and pages (src/app) call it, never the reverse.",
      severity: "error",
      from: { path: "^src/lib/" },
      to: { path: "^src/app/" },
    },
    {
      name: "server-imports-browser",
      comment: "Server code (src/lib, src/shared) does not import browser code or components.",
      severity: "error",
      from: { path: "^src/(lib|shared)/" },
      to: { path: "^src/(client|components)/" },
    },
    {
      name: "browser-imports-server",
      comment: "Components and browser code import only src/client, src/components and src/shared.",
      severity: "error",
      from: { path: "^src/(client|components)/" },
      to: { path: SRC, pathNot: "^src/(client|components|shared)/" },
    },
    {
      name: "client-reaches-server-only",
      comment: 'A client component ("use client", src/client, src/components) must not reach a module that imports server-only.',
      severity: "error",
      from: { path: browser },
      to: { path: "(^|/)node_modules/server-only/", reachable: true },
    },
    {
      name: "emulator-imports-app",
      comment: "The emulator stands in for Replicate: a peer that imports nothing from the app.",
      severity: "error",
      from: { path: "^src/emulator/" },
      to: { path: SRC, pathNot: "^src/emulator/" },
    },
    {
      name: "catalogue-data-outside-replicate",
      comment:
        "The model snapshots (catalogue/) hold versions: only the app's catalogue (src/lib/replicate) imports them, so a version never reaches another layer or the browser. The emulator may read them as data.",
      severity: "error",
      from: { path: SRC, pathNot: "^src/(lib/replicate|emulator)/" },
      to: { path: "^catalogue/" },
    },
    {
      name: "app-imports-emulator",
      comment: "The app talks to the emulator over HTTP only, as it would to Replicate.",
      severity: "error",
      from: { path: SRC, pathNot: "^src/emulator/" },
      to: { path: "^src/emulator/" },
    },
    {
      name: "shared-is-a-leaf",
      comment: "src/shared is pure and imported by both sides: it imports only itself, no Node built-ins.",
      severity: "error",
      from: { path: "^src/shared/" },
      to: { pathNot: "^src/shared/" },
    },
    {
      name: "infrastructure-imports-domain",
      comment: "db, replicate and storage are below the domain: they never import generations, admin, auth or http.",
      severity: "error",
      from: { path: "^src/lib/(db|replicate|storage)/" },
      to: { path: "^src/lib/(generations|admin|auth|http)/" },
    },
    {
      name: "domain-imports-http",
      comment: "The domain does not know about route wrappers; src/app puts the two together.",
      severity: "error",
      from: { path: "^src/lib/(generations|admin|auth|db|replicate|storage)/" },
      to: { path: "^src/lib/http/" },
    },
  ];
}
