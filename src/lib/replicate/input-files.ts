import "server-only";
import { replicate } from "./client";

// Local disk + real Replicate: our files are not reachable from the internet, so an input image
// goes through Replicate's Files API, and the prediction gets the file's URL (Replicate resolves
// it for the model; it is valid for the file's lifetime, 24 hours).
export async function uploadInputFile(bytes: Buffer, contentType: string, filename: string): Promise<string> {
  const file = await replicate().files.create(new Blob([new Uint8Array(bytes)], { type: contentType }), { filename });
  return file.urls.get;
}
