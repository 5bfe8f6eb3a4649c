import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import type { TestClient } from "./test-client";

// Images for upload tests, made on the spot: plain colours, an EXIF-rotated JPEG, and the bad
// cases (a decompression bomb is a valid PNG header declaring a canvas of billions of pixels).

export const solidPng = (width: number, height: number, rgb = { r: 220, g: 30, b: 30 }) =>
  sharp({ create: { width, height, channels: 3, background: rgb } })
    .png()
    .toBuffer();

/** White where the painter marked "repaint", black elsewhere (left half white). */
export async function halfMask(width: number, height: number): Promise<Buffer> {
  const half = await sharp({ create: { width: Math.floor(width / 2), height, channels: 3, background: "#fff" } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: "#000" } })
    .composite([{ input: half, left: 0, top: 0 }])
    .png()
    .toBuffer();
}

/** A 40×20 JPEG stored sideways: EXIF orientation 6 (rotate 90° clockwise to view), with a GPS-like comment. */
export const rotatedJpeg = () =>
  sharp({ create: { width: 40, height: 20, channels: 3, background: "#3050e0" } })
    .jpeg()
    .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: "secret owner", ImageDescription: "home address" } } })
    .toBuffer();

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a few KB declaring `side`×`side` 8-bit greyscale (2.5 GB of pixels at
 * 50,000), its IDAT the zlib stream of the first rows of zeros.
 */
export function bombPng(side = 50_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // greyscale
  const rows = deflateSync(Buffer.alloc((side + 1) * 64));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", rows),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export type UploadAnswer = {
  status: number;
  body: {
    id?: string;
    url?: string;
    contentType?: string;
    width?: number;
    height?: number;
    error?: { code: string; message: string; fields?: { path: string }[] };
  };
};

export async function uploadBytes(
  client: TestClient,
  bytes: Buffer,
  name = "image.png",
  type = "image/png",
): Promise<UploadAnswer> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await client.request("/api/uploads", { method: "POST", body: form });
  return { status: res.status, body: (await res.json()) as UploadAnswer["body"] };
}
