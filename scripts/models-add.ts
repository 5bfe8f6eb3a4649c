// npm run models:add <owner/name:version> | <owner/name> [--out <dir>]
// Writes catalogue/snapshots/<owner>__<name>.json from the version's own schema, fetched through
// the SDK: models.versions.get for a pinned community version, models.get's latest_version for an
// official model (run through the model route, so its version is recorded, not pinned). Offline it
// asks the bundled emulator; with REPLICATE_API_TOKEN set it asks real Replicate (reads only).
// Then: write an overlay in src/lib/replicate/catalogue/overlays/ and list it in models.ts.
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { modelRef, parseSnapshot, type Snapshot, trimOpenapiSchema } from "../src/lib/replicate/catalogue/snapshot";
import { openReplicateSource, type ReplicateSource, statusOf } from "./models/replicate-source";
import { parseModelRef, SNAPSHOTS_DIR, writeSnapshot } from "./models/snapshot-files";

export async function fetchSnapshot(source: ReplicateSource, ref: string): Promise<Snapshot> {
  const parsed = parseModelRef(ref);
  if (!parsed) throw new Error(`"${ref}" is not owner/name:<64-hex version> (community) or owner/name (official)`);
  const { owner, name, version: pinned } = parsed;
  const official = pinned === null;
  const model = await source.client.models.get(owner, name).catch((error: unknown) => {
    throw new Error(statusOf(error) === 404 ? `${owner}/${name} does not exist at ${source.describe}` : String(error));
  });
  const version = official
    ? model.latest_version
    : await source.client.models.versions.get(owner, name, pinned).catch((error: unknown) => {
        throw new Error(statusOf(error) === 404 ? `${owner}/${name} has no version ${pinned}` : String(error));
      });
  if (!version) throw new Error(`${owner}/${name} has no latest version to snapshot`);
  const snapshot = {
    owner,
    name,
    official,
    model: { url: model.url, description: model.description ?? null, visibility: model.visibility },
    version: { id: version.id, created_at: version.created_at ?? null, cog_version: version.cog_version ?? null },
    source: {
      how: `npm run models:add ${ref}`,
      fetchedFrom: source.describe,
      fetchedAt: new Date().toISOString(),
      via: official ? "models.get (latest_version)" : "models.versions.get",
    },
    openapi_schema: trimOpenapiSchema(version.openapi_schema),
  };
  parseSnapshot(snapshot, ref); // refuses what the app could not read
  return snapshot as unknown as Snapshot; // as built, so the file keeps Replicate's key order
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: "string" } } });
  const [ref] = positionals;
  if (!ref || positionals.length > 1 || !parseModelRef(ref)) {
    console.error("Usage: npm run models:add <owner/name:version> | <owner/name> [-- --out <dir>]");
    console.error("A community model is pinned by its 64-hex version; an official model is named alone.");
    return 2;
  }
  const source = await openReplicateSource();
  try {
    const snapshot = await fetchSnapshot(source, ref);
    const file = writeSnapshot(values.out ?? SNAPSHOTS_DIR, snapshot);
    const inputs = Object.keys(snapshot.openapi_schema.components.schemas.Input.properties ?? {});
    console.log(`Wrote ${file}: ${modelRef(snapshot)} version ${snapshot.version.id ?? "(none)"} from ${source.describe}`);
    console.log(`Inputs: ${inputs.join(", ")}`);
    console.log(
      "Next: an overlay in src/lib/replicate/catalogue/overlays/ (labels, hidden inputs, limits, price), listed in models.ts.",
    );
    return 0;
  } catch (error) {
    console.error(`models:add failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await source.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = await main();
