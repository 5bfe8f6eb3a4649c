import { createHash } from "node:crypto";

// Storage keys are derived only from our own ids, never from user input or Replicate's file
// names, so a retried webhook writes to the same key (overwrite) instead of adding a duplicate.

/** Generation ids are ours (random, URL-safe); anything else is refused before it reaches a path. */
const GENERATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

const EXTENSIONS = {
  "image/png": "png",
  "image/webp": "webp",
  "image/jpeg": "jpg",
  "image/gif": "gif",
} as const;

export type SupportedImageType = keyof typeof EXTENSIONS;

const CONTENT_TYPES: Record<string, SupportedImageType> = {
  png: "image/png",
  webp: "image/webp",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
};

/** `image/PNG; charset=x` → `image/png`. */
export function mediaType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

export function isSupportedImageType(contentType: string): boolean {
  return Object.hasOwn(EXTENSIONS, mediaType(contentType));
}

export function assertGenerationId(generationId: string): void {
  if (!GENERATION_ID.test(generationId)) {
    throw new Error(`Invalid generation id for a storage key: ${JSON.stringify(generationId)}`);
  }
}

/** Everything stored for one generation lives under this prefix (for list/delete). */
export function generationPrefix(generationId: string): string {
  assertGenerationId(generationId);
  return `generations/${generationId}/`;
}

/** `generations/<id>/<index>.<ext>`; throws for ids, indexes or image types we do not store. */
export function outputKey(generationId: string, index: number, contentType: string): string {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new Error(`Invalid output index: ${index}`);
  }
  const type = mediaType(contentType);
  if (!Object.hasOwn(EXTENSIONS, type)) {
    throw new Error(`Unsupported output content type: ${JSON.stringify(contentType)}`);
  }
  return `${generationPrefix(generationId)}${index}.${EXTENSIONS[type as SupportedImageType]}`;
}

/** The content type to serve a stored key with, from its extension. */
export function contentTypeForKey(key: string): string {
  const dot = key.lastIndexOf(".");
  const ext = dot < 0 ? "" : key.slice(dot + 1).toLowerCase();
  return Object.hasOwn(CONTENT_TYPES, ext) ? (CONTENT_TYPES[ext] as string) : "application/octet-stream";
}

/** Upload ids are ours (`upl_` + random, URL-safe). */
const UPLOAD_ID = /^upl_[A-Za-z0-9_-]{1,64}$/;

/** Owner ids never appear in public URLs: their folder is a short hash of the id. */
export function ownerFolder(ownerId: string): string {
  return createHash("sha256").update(ownerId).digest("base64url").slice(0, 22);
}

/** `uploads/<owner hash>/<upload id>.<ext>`: an upload, stored under its owner. */
export function uploadKey(ownerId: string, uploadId: string, contentType: string): string {
  if (!UPLOAD_ID.test(uploadId)) throw new Error(`Invalid upload id for a storage key: ${JSON.stringify(uploadId)}`);
  const type = mediaType(contentType);
  if (!Object.hasOwn(EXTENSIONS, type)) throw new Error(`Unsupported upload content type: ${JSON.stringify(contentType)}`);
  return `uploads/${ownerFolder(ownerId)}/${uploadId}.${EXTENSIONS[type as SupportedImageType]}`;
}

/** A sized copy of an output: `generations/<id>/<index>-w<width>.webp`, beside its original. */
export function variantKey(generationId: string, index: number, width: number): string {
  if (!Number.isSafeInteger(index) || index < 0 || !Number.isSafeInteger(width) || width <= 0) {
    throw new Error(`Invalid variant: output ${index}, width ${width}`);
  }
  return `${generationPrefix(generationId)}${index}-w${width}.webp`;
}
