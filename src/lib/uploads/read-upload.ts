import "server-only";
import { MAX_UPLOAD_BYTES } from "@/shared/upload-limits";
import { badUpload } from "./check-image";

// Reads a multipart upload (field `file`) without buffering past the size limit: a body over it is
// refused (400 naming the field) as soon as it is known to be over, never read to the end.

/** Room for the multipart framing around the file itself. */
const FRAMING_BYTES = 64 * 1024;
/**
 * A body over the limit but under this is read to its end (and dropped) before the 400, so the
 * client, still sending, gets the answer rather than a reset connection; larger ones are cut off.
 */
const DRAIN_BYTES = 32 * 1024 * 1024;

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, seen: number): Promise<void> {
  let total = seen;
  while (total <= DRAIN_BYTES) {
    const { done, value } = await reader.read();
    if (done) return;
    total += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
}

export async function readUploadedFile(request: Request, field = "file"): Promise<Buffer> {
  const limit = MAX_UPLOAD_BYTES + FRAMING_BYTES;
  const tooLarge = () => badUpload(field, `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw badUpload(field, "Send the image as multipart/form-data in the field `file`.");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) {
    if (declared <= DRAIN_BYTES && request.body) await drain(request.body.getReader(), 0);
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await drain(reader, total);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  let form: FormData;
  try {
    form = await new Response(Buffer.concat(chunks), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw badUpload(field, "The request is not a readable multipart form.");
  }
  const file = form.get(field);
  if (!file || typeof file === "string") throw badUpload(field, "Required: an image file.");
  return Buffer.from(await file.arrayBuffer());
}
