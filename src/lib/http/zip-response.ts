import "server-only";
import { Readable } from "node:stream";

/** A streamed zip download, saved under its file name, never cached by a shared cache. */
export function zipResponse({ fileName, body }: { fileName: string; body: Readable }): Response {
  return new Response(Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "private, no-store",
    },
  });
}
