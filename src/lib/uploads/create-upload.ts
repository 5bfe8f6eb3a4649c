import "server-only";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import type { UploadView } from "@/shared/upload-view";
import { getDb } from "../db";
import { lockOwner } from "../db/quota-queries";
import { insertUpload } from "../db/upload-queries";
import { getStorage } from "../storage";
import { uploadKey } from "../storage/keys";
import { checkImage } from "./check-image";
import { assertOwnerAllowance } from "./limits";

// Stores one checked upload under its owner and records it. Nothing is written for a refused
// image; a row is written only once the bytes are stored, and stored bytes without a row (the
// insert failed) are deleted again.

export const newUploadId = () => `upl_${randomBytes(16).toString("base64url")}`;

export async function createUpload(args: { ownerId: string; bytes: Buffer }): Promise<UploadView> {
  const image = await checkImage(args.bytes);
  return storeCheckedUpload({ ownerId: args.ownerId, image });
}

export async function storeCheckedUpload(args: {
  ownerId: string;
  image: { bytes: Buffer; contentType: string; width: number; height: number };
}): Promise<UploadView> {
  const { ownerId, image } = args;
  const id = newUploadId();
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    await lockOwner(tx, ownerId);
    await assertOwnerAllowance(tx, ownerId, image.bytes.length);
    const stored = await getStorage().put(uploadKey(ownerId, id, image.contentType), Readable.from([image.bytes]), {
      contentType: image.contentType,
    });
    try {
      return await insertUpload(tx, {
        id,
        ownerId,
        storageKey: stored.key,
        url: stored.url,
        contentType: image.contentType,
        bytes: image.bytes.length,
        width: image.width,
        height: image.height,
      });
    } catch (error) {
      await getStorage()
        .delete([stored.key])
        .catch(() => undefined);
      throw error;
    }
  });
  // As outputs: app-relative on local disk (`/api/files/…`), absolute on Blob. A file input takes
  // it made absolute against the app's origin.
  return { id: row.id, url: row.url, contentType: row.contentType, width: row.width, height: row.height };
}
