import "server-only";
import { env } from "../env";

/** Vercel Blob mode: browsers upload image inputs straight to Blob (large files skip our function). */
export function directUploads(): boolean {
  return Boolean(env().BLOB_READ_WRITE_TOKEN);
}
