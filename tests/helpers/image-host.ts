import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A throwaway HTTP "file host" on 127.0.0.1 for download tests: it records every request so a
// test can prove a refused host was never contacted.

export type ImageHost = {
  origin: string;
  requests: string[];
  close: () => Promise<void>;
};

export async function startImageHost(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<ImageHost> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? "");
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A PNG whose header declares width x height, padded to `totalBytes` (enough for image-size). */
export function fakePng(width: number, height: number, totalBytes = 1024): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write("IHDR", 12, "ascii");
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  header.set([8, 6, 0, 0, 0], 24);
  const body = Buffer.alloc(Math.max(0, totalBytes - header.length));
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + width) & 0xff;
  return Buffer.concat([header, body]);
}
