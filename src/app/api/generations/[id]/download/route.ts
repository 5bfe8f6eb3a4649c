// GET /api/generations/:id/download: every output of the owner's generation in one zip, with meaningful names
import { Readable } from "node:stream";
import { outputsZip } from "@/lib/generations/download-zip";
import { ownerRoute } from "@/lib/http/owner-route";

export const GET = ownerRoute<{ id: string }>(async ({ params, owner }) => {
  const { fileName, body } = await outputsZip(params.id, owner.id);
  return new Response(Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "private, no-store",
    },
  });
});
