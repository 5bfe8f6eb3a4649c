import "server-only";
import type { HandleUploadBody } from "@vercel/blob/client";
import { MAX_UPLOAD_BYTES } from "@/shared/upload-limits";
import type { UploadView } from "@/shared/upload-view";
import { env } from "../env";
import { AppError } from "../errors";
import { answerClientUpload, BadClientUpload, deleteBlob, findIncomingBlob, readBlob } from "../storage/vercel-blob-uploads";
import { badUpload, checkImage } from "./check-image";
import { storeCheckedUpload } from "./create-upload";

// Vercel Blob mode: the browser uploads straight to Blob (POST /api/uploads/blob signs its token),
// then asks POST /api/uploads/blob/complete to take the file. Only then is it checked by its
// bytes, like any upload: a bad one is deleted; a good one is re-encoded (orientation applied,
// metadata stripped) and stored under its owner as an upload, and the incoming file deleted.
// Blob's own completion callback deletes a bad file even if the browser never comes back.

const TYPES = ["image/png", "image/jpeg", "image/webp"];

function blobToken(): string {
  const token = env().BLOB_READ_WRITE_TOKEN;
  if (!token) throw new AppError("not_found", "Uploads go through POST /api/uploads here.");
  return token;
}

async function checkedBytes(token: string, url: string, field: string) {
  const blob = await findIncomingBlob(token, url);
  if (!blob) throw badUpload(field, "No such upload.");
  const bytes = blob.size <= MAX_UPLOAD_BYTES ? await readBlob(blob.url, MAX_UPLOAD_BYTES) : null;
  try {
    if (!bytes) throw badUpload(field, `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
    return { blob, image: await checkImage(bytes, field) };
  } catch (error) {
    await deleteBlob(token, blob.url).catch(() => undefined);
    throw error;
  }
}

export async function answerBlobUpload(request: Request, ownerId: string, body: unknown): Promise<unknown> {
  const token = blobToken();
  try {
    return await answerClientUpload(request, body as HandleUploadBody, token, {
      ownerId,
      maxBytes: MAX_UPLOAD_BYTES,
      contentTypes: TYPES,
      // Only the byte check here: a file that fails it is deleted.
      onCompleted: async (blob) => {
        await checkedBytes(token, blob.url, "file").catch(() => undefined);
      },
    });
  } catch (error) {
    if (error instanceof BadClientUpload) throw badUpload("pathname", error.message);
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", "Not a Vercel Blob upload request.", {
      fields: [{ path: "body", message: "Not a Vercel Blob upload request" }],
    });
  }
}

export async function completeBlobUpload(ownerId: string, url: string): Promise<UploadView> {
  const token = blobToken();
  const { blob, image } = await checkedBytes(token, url, "url");
  const upload = await storeCheckedUpload({ ownerId, image });
  await deleteBlob(token, blob.url).catch(() => undefined);
  return upload;
}
