import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkLayers, describeViolation } from "../../scripts/check-layers";

// The layering check (npm run lint) on the real tree, and on small trees that each plant one
// violation: it must name that violation's rule.

const repo = path.resolve(import.meta.dirname, "../..");
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A tiny tree laid out like this one that passes, plus `extra` files (path → source). */
function fixture(extra: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "layers-"));
  made.push(root);
  cpSync(path.join(repo, "tsconfig.json"), path.join(root, "tsconfig.json"));
  cpSync(path.join(repo, "package.json"), path.join(root, "package.json"));
  symlinkSync(path.join(repo, "node_modules"), path.join(root, "node_modules"));
  const files: Record<string, string> = {
    "src/shared/status.ts": "export const statuses = ['queued'] as const;\n",
    "src/lib/db/index.ts": 'import "server-only";\nimport { statuses } from "@/shared/status";\nexport const db = statuses;\n',
    "src/lib/generations/create.ts": 'import "server-only";\nimport { db } from "../db";\nexport const create = () => db;\n',
    "src/lib/generations/label.ts": 'import { db } from "../db";\nexport const label = () => String(db);\n',
    "src/lib/admin/list.ts":
      'import "server-only";\nimport { create } from "../generations/create";\nexport const list = () => [create()];\n',
    "src/app/api/generations/route.ts":
      'import { create } from "@/lib/generations/create";\nexport const GET = () => Response.json(create());\n',
    "src/app/api/generations/schema.ts": "export const MAX_BYTES = 1024;\n",
    "src/client/http.ts":
      'import "client-only";\nimport { statuses } from "@/shared/status";\nexport const get = () => statuses;\n',
    "src/components/button.tsx":
      '"use client";\nimport { get } from "@/client/http";\nexport const Button = () => <button type="button">{get()}</button>;\n',
    "src/emulator/server.ts": 'import { createServer } from "node:http";\nexport const emulator = createServer();\n',
    ...extra,
  };
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), source);
  }
  return root;
}

/** A snapshot imported by the app's catalogue and by the emulator (both allowed). */
const snapshotFixture: Record<string, string> = {
  "catalogue/snapshots/acme__painter.json": '{ "version": { "id": "abc" } }\n',
  "src/lib/replicate/models.ts":
    'import snapshot from "../../../catalogue/snapshots/acme__painter.json";\nexport const models = [snapshot.version.id];\n',
  "src/emulator/snapshots.ts":
    'import snapshot from "../../catalogue/snapshots/acme__painter.json";\nexport const served = [snapshot];\n',
};

const ruleNames = async (root: string) => {
  const violations = await checkLayers(root);
  return { names: new Set(violations.map((v) => v.rule.name)), text: violations.map(describeViolation).join("\n") };
};

describe("layering check", () => {
  it("passes on this repository", async () => {
    const { text } = await ruleNames(repo);
    expect(text).toBe("");
  });

  it("passes on the clean fixture (so each planted file below is what fails)", async () => {
    const { text } = await ruleNames(fixture({}));
    expect(text).toBe("");
  });

  it("lets the app's catalogue import a snapshot, and the emulator read one", async () => {
    const { text } = await ruleNames(fixture(snapshotFixture));
    expect(text).toBe("");
  });

  it.each([
    [
      "an import cycle between folders",
      "no-folder-cycle",
      // generations → db exists; db → admin → generations closes a loop of folders (no module cycle).
      { "src/lib/db/audit.ts": 'import { list } from "../admin/list";\nexport const audit = list;\n' },
    ],
    [
      "lib importing app",
      "lib-imports-app",
      {
        "src/lib/generations/limits.ts":
          'import { MAX_BYTES } from "@/app/api/generations/schema";\nexport const limit = MAX_BYTES;\n',
      },
    ],
    [
      'a "use client" file reaching a server-only module through one that is not',
      "client-reaches-server-only",
      {
        "src/app/widget.tsx":
          '"use client";\nimport { label } from "@/lib/generations/label";\nexport const Widget = () => <p>{label()}</p>;\n',
      },
    ],
    [
      "browser code importing the server",
      "browser-imports-server",
      {
        "src/client/labels.ts":
          'import "client-only";\nimport type { create } from "@/lib/generations/create";\nexport type Created = ReturnType<typeof create>;\n',
      },
    ],
    [
      "the emulator importing app code",
      "emulator-imports-app",
      { "src/emulator/models.ts": 'import { create } from "../lib/generations/create";\nexport const models = create;\n' },
    ],
    [
      "the emulator importing the app's catalogue, even though it may read the snapshots",
      "emulator-imports-app",
      {
        ...snapshotFixture,
        "src/emulator/models.ts": 'import { models } from "../lib/replicate/models";\nexport const served = models;\n',
      },
    ],
    [
      "a component importing a model snapshot (versions stay on the server)",
      "catalogue-data-outside-replicate",
      {
        ...snapshotFixture,
        "src/components/picker.tsx":
          'import snapshot from "../../catalogue/snapshots/acme__painter.json";\nexport const Picker = () => <p>{snapshot.version.id}</p>;\n',
      },
    ],
  ])("fails on %s (%s)", async (_what, rule, planted) => {
    const { names, text } = await ruleNames(fixture(planted));
    expect([...names], text).toContain(rule);
  });
});
