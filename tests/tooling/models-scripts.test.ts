import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Replicate from "replicate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SNAPSHOTS_DIR } from "../../scripts/models/snapshot-files";
import { fetchSnapshot } from "../../scripts/models-add";
import { type Emulator, startEmulator } from "../../src/emulator/server";

// npm run models:add and models:check, run as a person runs them (the CLI, as a child process)
// against an emulator, which stands in for Replicate and serves the committed snapshots.

const repo = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const LIGHTNING = "5599ed30703defd1d160a25a63321b4dec97101d98b4674bcc56e41f62f35637";

let emulator: Emulator;
const made: string[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator?.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "snapshots-"));
  made.push(dir);
  return dir;
};

/** Runs `npm run <script>`'s command; never with a token, so never real Replicate. */
async function script(name: "models-add" | "models-check", args: string[]) {
  const env = { ...process.env, REPLICATE_BASE_URL: `${emulator.url}/v1`, REPLICATE_API_TOKEN: "" };
  try {
    const { stdout, stderr } = await run(path.join(repo, "node_modules/.bin/tsx"), [`scripts/${name}.ts`, ...args], {
      cwd: repo,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const served = async (p: string) => (await fetch(`${emulator.url}/v1${p}`, { headers: { Authorization: "Bearer t" } })).json();

describe("npm run models:add", { timeout: 120_000 }, () => {
  it("writes a community version's snapshot equal to what is served", async () => {
    const out = tempDir();
    const result = await script("models-add", [`bytedance/sdxl-lightning-4step:${LIGHTNING}`, "--out", out]);
    expect(result.code).toBe(0);
    const written = readJson(path.join(out, "bytedance__sdxl-lightning-4step.json"));
    const version = await served(`/models/bytedance/sdxl-lightning-4step/versions/${LIGHTNING}`);
    const model = await served("/models/bytedance/sdxl-lightning-4step");
    expect(written.openapi_schema).toEqual(version.openapi_schema);
    expect(written.version).toEqual({ id: LIGHTNING, created_at: version.created_at, cog_version: version.cog_version });
    expect(written.model).toEqual({ url: model.url, description: model.description, visibility: model.visibility });
    expect(written).toMatchObject({ owner: "bytedance", name: "sdxl-lightning-4step", official: false });
    expect(written.source).toMatchObject({ via: "models.versions.get", fetchedFrom: `${emulator.url}/v1` });
  });

  it("snapshots an official model from its latest version", async () => {
    const out = tempDir();
    expect((await script("models-add", ["black-forest-labs/flux-schnell", "--out", out])).code).toBe(0);
    const written = readJson(path.join(out, "black-forest-labs__flux-schnell.json"));
    const model = await served("/models/black-forest-labs/flux-schnell");
    expect(written.official).toBe(true);
    expect(written.version.id).toBe(model.latest_version.id);
    expect(written.openapi_schema).toEqual(model.latest_version.openapi_schema);
  });

  it("round-trips every committed snapshot's schema and version", async () => {
    const client = new Replicate({ auth: "t", baseUrl: `${emulator.url}/v1` });
    const source = { client, describe: "test", close: async () => {} };
    for (const file of [
      "bytedance__sdxl-lightning-4step",
      "stability-ai__sdxl",
      "nightmareai__real-esrgan",
      "lucataco__remove-bg",
    ]) {
      const committed = readJson(path.join(SNAPSHOTS_DIR, `${file}.json`));
      const fetched = await fetchSnapshot(source, `${committed.owner}/${committed.name}:${committed.version.id}`);
      expect(fetched.openapi_schema).toEqual(committed.openapi_schema);
      expect(fetched.version).toEqual(committed.version);
    }
  });

  it("fails, writing nothing, for an unknown version or a malformed reference", async () => {
    const out = tempDir();
    const unknownVersion = await script("models-add", [`stability-ai/sdxl:${"0".repeat(64)}`, "--out", out]);
    expect(unknownVersion.code).toBe(1);
    expect(unknownVersion.stderr).toMatch(/stability-ai\/sdxl has no version 0{64}/);
    expect((await script("models-add", ["not a ref", "--out", out])).code).toBe(2);
    expect(readdirSync(out)).toEqual([]);
  });

  it("names an unknown model, asked by name or with a version", async () => {
    const source = {
      client: new Replicate({ auth: "t", baseUrl: `${emulator.url}/v1` }),
      describe: "the test emulator",
      close: async () => {},
    };
    await expect(fetchSnapshot(source, "nobody/nothing")).rejects.toThrow("nobody/nothing does not exist at the test emulator");
    await expect(fetchSnapshot(source, `nobody/nothing:${"a".repeat(64)}`)).rejects.toThrow(/nobody\/nothing does not exist/);
  });
});

describe("npm run models:check", { timeout: 120_000 }, () => {
  const copyOfCatalogue = () => {
    const dir = tempDir();
    cpSync(SNAPSHOTS_DIR, dir, { recursive: true });
    return dir;
  };
  type Schemas = { Input: { properties: Record<string, Record<string, unknown>> }; aspect_ratio: { enum: string[] } };
  type SnapshotJson = { name: string; version: { id: string }; openapi_schema: { components: { schemas: Schemas } } };
  const edit = (dir: string, file: string, change: (json: SnapshotJson) => void) => {
    const json = readJson(path.join(dir, file)) as SnapshotJson;
    change(json);
    writeFileSync(path.join(dir, file), JSON.stringify(json));
  };

  it("passes when every pinned version is served with the snapshot's schema", async () => {
    const result = await script("models-check", []);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^ok {3}/gm)).toHaveLength(6);
  });

  it("fails naming the model and field when a snapshot field differs from the served schema", async () => {
    const dir = copyOfCatalogue();
    edit(dir, "stability-ai__sdxl.json", (s) => {
      s.openapi_schema.components.schemas.Input.properties.width!.default = 768;
    });
    edit(dir, "black-forest-labs__flux-schnell.json", (s) => {
      s.openapi_schema.components.schemas.aspect_ratio.enum.push("2:1");
    });
    const result = await script("models-check", ["--snapshots", dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("FAIL stability-ai/sdxl: input width.default: snapshot 768, now 1024");
    expect(result.stderr).toContain("FAIL black-forest-labs/flux-schnell: components.schemas.aspect_ratio.enum");
    expect(result.stdout).toContain("ok   bytedance/sdxl-lightning-4step");
  });

  it("fails when a pinned version or an official model is missing", async () => {
    const dir = copyOfCatalogue();
    edit(dir, "bytedance__sdxl-lightning-4step.json", (s) => {
      s.version.id = "f".repeat(64);
    });
    edit(dir, "black-forest-labs__flux-kontext-pro.json", (s) => {
      s.name = "flux-kontext-gone";
    });
    const result = await script("models-check", ["--snapshots", dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`FAIL bytedance/sdxl-lightning-4step: version ${"f".repeat(64)} is missing`);
    expect(result.stderr).toContain("FAIL black-forest-labs/flux-kontext-gone: the model is missing");
  });
});
