import "server-only";
import { list } from "@vercel/blob";
import { type HandleUploadBody, handleUpload } from "@vercel/blob/client";
import { BLOB_DEADLINES_MS, withDeadline } from "./blob-deadline";
import { deleteBlobs, listAllBlobs } from "./vercel-blob";

// Vercel Blob client uploads: the browser sends a file straight to Blob (large files skip our
// function) under `uploads/incoming/`, with a token this app signs for one owner, one size limit
// and the image types. The bytes are checked once it lands (src/lib/uploads/blob-uploads.ts).

export const INCOMING_PREFIX = "uploads/incoming/";

export type ClientTokenPolicy = {
  ownerId: string;
  maxBytes: number;
  contentTypes: string[];
  /** Called by Vercel Blob (a signed callback) once an upload has landed. */
  onCompleted: (blob: { url: string; pathname: string }, ownerId: string | null) => Promise<void>;
};

export class BadClientUpload extends Error {}

/** Answers the browser's token request, or Blob's completion callback. */
export async function answerClientUpload(request: Request, body: HandleUploadBody, token: string, policy: ClientTokenPolicy) {
  return handleUpload({
    body,
    request,
    token,
    onBeforeGenerateToken: async (pathname) => {
      if (!pathname.startsWith(INCOMING_PREFIX) || pathname.includes("..")) {
        throw new BadClientUpload(`Uploads go under ${INCOMING_PREFIX}`);
      }
      return {
        allowedContentTypes: policy.contentTypes,
        maximumSizeInBytes: policy.maxBytes,
        addRandomSuffix: true,
        tokenPayload: JSON.stringify({ ownerId: policy.ownerId }),
      };
    },
    onUploadCompleted: async ({ blob, tokenPayload }) => {
      let ownerId: string | null = null;
      try {
        ownerId = (JSON.parse(tokenPayload ?? "{}") as { ownerId?: string }).ownerId ?? null;
      } catch {
        ownerId = null;
      }
      await policy.onCompleted({ url: blob.url, pathname: blob.pathname }, ownerId);
    },
  });
}

/** The incoming blob behind `url` as our store lists it (never the browser's word alone), or null. */
export async function findIncomingBlob(
  token: string,
  url: string,
): Promise<{ url: string; pathname: string; size: number } | null> {
  if (!URL.canParse(url)) return null;
  const pathname = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!pathname.startsWith(INCOMING_PREFIX) || pathname.includes("..")) return null;
  const page = await withDeadline(`list of ${pathname}`, BLOB_DEADLINES_MS.other, (abortSignal) =>
    list({ prefix: pathname, limit: 1, token, abortSignal }),
  );
  const blob = page.blobs.find((b) => b.pathname === pathname);
  return blob ? { url: blob.url, pathname: blob.pathname, size: blob.size } : null;
}

export async function readBlob(url: string, maxBytes: number): Promise<Buffer | null> {
  const res = await fetch(url, { cache: "no-store", redirect: "error", signal: AbortSignal.timeout(30_000) });
  if (!res.ok) return null;
  const bytes = Buffer.from(await res.arrayBuffer());
  return bytes.length > maxBytes ? null : bytes;
}

export async function deleteBlob(token: string, url: string): Promise<void> {
  await deleteBlobs(token, [url]);
}

/**
 * Deletes direct uploads that landed before `before` and were never taken (the browser left
 * before completing, or deleting the incoming file failed after it was taken); answers how many.
 */
export async function deleteStaleIncoming(token: string, before: Date): Promise<number> {
  const stale = (await listAllBlobs(token, INCOMING_PREFIX)).filter((b) => new Date(b.uploadedAt) < before).map((b) => b.url);
  await deleteBlobs(token, stale);
  return stale.length;
}
