import "server-only";
import { getDb } from "../db";
import { findOwnedImage, findOwnedImageByUrl, type OwnedImage } from "../db/upload-queries";
import { usesEmulator } from "../env";
import { fieldError } from "../errors";
import { uploadInputFile } from "../replicate/input-files";
import type { ModelEntry } from "../replicate/models";
import { getLocalDiskStorage } from "../storage";
import { ownerFolder } from "../storage/keys";

// A model's file inputs (`format: uri`) take only the caller's own images: one of their uploads
// or one of their generations' outputs, named by the URL our API gave them. The URL is only
// matched against our storage, never fetched. What Replicate gets is a URL it can fetch: the
// Blob URL; with local disk, our files route for the emulator, or Replicate's Files API.

export type ResolvedInputs = {
  /** The input as Replicate receives it (file inputs rewritten to URLs it can fetch). */
  forReplicate: Record<string, unknown>;
  /** The first file input that is an output of one of the caller's generations. */
  parent: { generationId: string; outputIndex: number } | null;
  /** The caller's uploads among the inputs, by field: the create links them (linkUploads). */
  uploads: { field: string; uploadId: string }[];
};

const notYours = (name: string) => fieldError(`input.${name}`, "Must be the URL of one of your own uploads or outputs");

/** Our storage key behind a local-disk URL (`<own origin>/api/files/<key>`), or null for any other URL. */
function localKey(url: URL, origins: ReadonlySet<string>): string | null {
  if (!origins.has(url.origin) || !url.pathname.startsWith("/api/files/") || url.search || url.hash) return null;
  try {
    return decodeURIComponent(url.pathname.slice("/api/files/".length));
  } catch {
    return null;
  }
}

async function ownedImage(ownerId: string, raw: string, origins: ReadonlySet<string>): Promise<OwnedImage | null> {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url) return null;
  const db = await getDb();
  if (getLocalDiskStorage()) {
    const key = localKey(url, origins);
    return key ? findOwnedImage(db, ownerId, key) : null;
  }
  return findOwnedImageByUrl(db, ownerId, url.href);
}

/** Names a file under the caller's own uploads folder (one the sweep has deleted, if no row has it). */
function wasOwnUpload(ownerId: string, raw: string): boolean {
  try {
    return URL.canParse(raw) && decodeURIComponent(new URL(raw).pathname).includes(`/uploads/${ownerFolder(ownerId)}/`);
  } catch {
    return false; // a malformed escape names nothing of ours
  }
}

/** A 400 for an upload deleted since it was chosen (unused for UPLOAD_RETENTION_DAYS, swept). */
export const noLongerStored = (name: string) => fieldError(`input.${name}`, "This image is no longer stored; upload it again");

async function replicateUrl(name: string, image: OwnedImage, origin: string): Promise<string> {
  const disk = getLocalDiskStorage();
  if (!disk) return image.url; // Vercel Blob: public, and Replicate fetches it directly
  if (usesEmulator()) return new URL(`/api/files/${image.storageKey}`, origin).href;
  const file = await disk.open(image.storageKey);
  if (!file) throw noLongerStored(name);
  const chunks: Buffer[] = [];
  for await (const chunk of file.body) chunks.push(chunk as Buffer);
  return uploadInputFile(Buffer.concat(chunks), image.contentType, image.storageKey.split("/").at(-1) ?? "input");
}

export async function resolveFileInputs(
  model: ModelEntry,
  input: Record<string, unknown>,
  { ownerId, origin, ownOrigins }: { ownerId: string; origin: string; ownOrigins: ReadonlySet<string> },
): Promise<ResolvedInputs> {
  const forReplicate = { ...input };
  let parent: ResolvedInputs["parent"] = null;
  const uploads: ResolvedInputs["uploads"] = [];
  const images = model.fields.filter((f) => f.kind === "image" && typeof input[f.name] === "string");
  const owned: [string, OwnedImage][] = [];
  // Every URL is checked before anything is sent anywhere: one foreign URL refuses the whole create.
  for (const field of images) {
    const raw = input[field.name] as string;
    const image = await ownedImage(ownerId, raw, ownOrigins);
    if (!image) throw wasOwnUpload(ownerId, raw) ? noLongerStored(field.name) : notYours(field.name);
    owned.push([field.name, image]);
  }
  for (const [name, image] of owned) {
    forReplicate[name] = await replicateUrl(name, image, origin);
    if (image.uploadId) uploads.push({ field: name, uploadId: image.uploadId });
    if (!parent && image.generationId !== undefined && image.outputIndex !== undefined) {
      parent = { generationId: image.generationId, outputIndex: image.outputIndex };
    }
  }
  return { forReplicate, parent, uploads };
}
