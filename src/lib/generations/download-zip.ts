import "server-only";
import { Readable } from "node:stream";
import { Zip, ZipPassThrough } from "fflate";
import { extensionOf, outputFileName, zipFileName } from "@/shared/download-names";
import { getDb } from "../db";
import { ownGroupOutputsForDownload, ownOutputsForDownload } from "../db/curate-queries";
import { AppError } from "../errors";
import { getLocalDiskStorage } from "../storage";
import { groupIdPattern, groupKindOf } from "./ids";

// "Download all": a generation's (or a group's) outputs as one zip, streamed as it is read from storage (never
// held in memory whole). Images are already compressed, so entries are stored, not deflated.

type Entry = { name: string; open: () => Promise<AsyncIterable<Uint8Array>> };

async function openStored(storageKey: string, url: string): Promise<AsyncIterable<Uint8Array>> {
  const local = getLocalDiskStorage();
  if (local) {
    const file = await local.open(storageKey);
    if (!file) throw new Error(`stored output ${storageKey} is missing`);
    return file.body;
  }
  // Vercel Blob: its public URL.
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`stored output ${storageKey} answered ${res.status}`);
  return Readable.fromWeb(res.body as Parameters<typeof Readable.fromWeb>[0]);
}

async function* zipChunks(entries: Entry[]): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  const drain = function* () {
    if (failure) throw failure;
    while (ready.length > 0) yield ready.shift() as Uint8Array;
  };
  for (const entry of entries) {
    const file = new ZipPassThrough(entry.name);
    zip.add(file);
    for await (const chunk of await entry.open()) {
      file.push(chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk));
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}

type Downloadable = NonNullable<Awaited<ReturnType<typeof ownOutputsForDownload>>>;

const promptIn = (input: Record<string, unknown>) => (typeof input.prompt === "string" ? input.prompt : "");

/** A generation's stored outputs as zip entries, each named after its prompt, model, seed and number. */
function entriesOf(found: Downloadable): Entry[] {
  return found.outputs.map((o) => ({
    name: outputFileName({
      prompt: promptIn(found.input),
      model: found.modelKey,
      seed: found.input.seed,
      index: o.index,
      count: found.outputs.length,
      extension: extensionOf(o.contentType),
    }),
    open: () => openStored(o.storageKey, o.url),
  }));
}

const zipOf = (fileName: string, entries: Entry[]) => ({ fileName, body: Readable.from(zipChunks(entries)) });

/** The zip of an owner's succeeded generation: its file name and a byte stream. 404 otherwise. */
export async function outputsZip(id: string, ownerId: string): Promise<{ fileName: string; body: Readable }> {
  const found = await ownOutputsForDownload(await getDb(), { id, ownerId });
  if (!found) throw new AppError("not_found", "Generation not found");
  if (found.outputs.length === 0) throw new AppError("not_found", "This generation has no images to download.");
  return zipOf(zipFileName({ prompt: promptIn(found.input), model: found.modelKey, seed: found.input.seed }), entriesOf(found));
}

/**
 * The zip of an owner's group (variations or a comparison): every image of its members, each
 * named after its own model and seed, so none collide. 404 for anyone else's, or with no images.
 */
export async function groupOutputsZip(id: string, ownerId: string): Promise<{ fileName: string; body: Readable }> {
  const found = groupIdPattern.test(id) ? await ownGroupOutputsForDownload(await getDb(), { groupId: id, ownerId }) : [];
  if (found.length === 0) throw new AppError("not_found", "Group not found");
  const entries = found.flatMap(entriesOf);
  if (entries.length === 0) throw new AppError("not_found", "This group has no images to download.");
  const first = found[0] as Downloadable;
  const compare = groupKindOf(id) === "compare";
  return zipOf(
    zipFileName({
      prompt: promptIn(first.input),
      model: compare ? "comparison" : `${first.modelKey}_variations`,
      seed: compare ? first.input.seed : undefined,
    }),
    entries,
  );
}
