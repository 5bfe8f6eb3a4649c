// npm run models:check [--snapshots <dir>]
// Fetches every snapshotted version again and fails (exit 1), naming model and field, when a
// pinned version is missing or its schema no longer equals the snapshot. Official models run
// unpinned: a new latest version is reported, a changed schema fails. Offline it asks the bundled
// emulator; with REPLICATE_API_TOKEN set, real Replicate (reads only, nothing is run).
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { modelRef, type Snapshot, trimOpenapiSchema } from "../src/lib/replicate/catalogue/snapshot";
import { describePath, jsonDifferences } from "./models/json-diff";
import { openReplicateSource, type ReplicateSource, statusOf } from "./models/replicate-source";
import { readSnapshots, SNAPSHOTS_DIR } from "./models/snapshot-files";

export type CheckResult = { model: string; problems: string[]; notes: string[] };

async function servedVersion(source: ReplicateSource, s: Snapshot) {
  if (!s.official) return source.client.models.versions.get(s.owner, s.name, s.version.id ?? "");
  const model = await source.client.models.get(s.owner, s.name);
  if (!model.latest_version) throw new Error("has no latest version");
  return model.latest_version;
}

export async function checkSnapshot(source: ReplicateSource, s: Snapshot): Promise<CheckResult> {
  const model = modelRef(s);
  const result: CheckResult = { model, problems: [], notes: [] };
  let served: Awaited<ReturnType<typeof servedVersion>>;
  try {
    served = await servedVersion(source, s);
  } catch (error) {
    const missing = s.official ? "the model is missing" : `version ${s.version.id} is missing`;
    result.problems.push(statusOf(error) === 404 ? missing : `could not be fetched: ${String(error)}`);
    return result;
  }
  if (s.official && served.id !== s.version.id) {
    result.notes.push(`latest version is now ${served.id} (snapshot: ${s.version.id ?? "none"})`);
  }
  for (const d of jsonDifferences(s.openapi_schema, trimOpenapiSchema(served.openapi_schema))) {
    result.problems.push(`${describePath(d.path)}: snapshot ${JSON.stringify(d.expected)}, now ${JSON.stringify(d.actual)}`);
  }
  return result;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { snapshots: { type: "string" } } });
  const snapshots = readSnapshots(values.snapshots ?? SNAPSHOTS_DIR);
  const source = await openReplicateSource();
  try {
    console.log(`Checking ${snapshots.length} snapshots against ${source.describe}`);
    let failed = 0;
    for (const { snapshot } of snapshots) {
      const { model, problems, notes } = await checkSnapshot(source, snapshot);
      for (const note of notes) console.log(`note ${model}: ${note}`);
      if (problems.length === 0) console.log(`ok   ${model}`);
      for (const problem of problems) console.error(`FAIL ${model}: ${problem}`);
      if (problems.length > 0) failed += 1;
    }
    if (failed > 0)
      console.error(`${failed} of ${snapshots.length} snapshots no longer match: re-check the model, then models:add.`);
    return failed > 0 ? 1 : 0;
  } finally {
    await source.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = await main();
