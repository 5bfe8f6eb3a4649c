import "server-only";
import { badUpload, MAX_UPLOAD_BYTES } from "./check-image";

// Reads a multipart upload (field `file`) without buffering past the size limit: a body over it is
// refused (400 naming the field) as soon as it is known to be over, never read to the end.

/** Room for the multipart framing around the file itself. */
const FRAMING_BYTES = 64 * 1024;

export async function readUploadedFile(request: Request, field = "file"): Promise<Buffer> {
  const limit = MAX_UPLOAD_BYTES + FRAMING_BYTES;
  const tooLarge = () => badUpload(field, `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw badUpload(field, "Send the image as multipart/form-data in the field `file`.");
  }
  // Declared too large: refused before reading (the server discards the unread body).
  if (Number(request.headers.get("content-length") ?? "0") > limit) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
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
