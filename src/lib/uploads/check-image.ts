import "server-only";
import sharp, { type Metadata, type Sharp } from "sharp";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_SIDE } from "@/shared/upload-limits";
import { AppError } from "../errors";

// An uploaded image is judged by its bytes alone (never its name or declared type): PNG, JPEG or
// WebP, at most MAX_UPLOAD_BYTES, at most MAX_UPLOAD_SIDE pixels on each side, and it must decode
// fully. A decompression bomb (a tiny file declaring a huge canvas) is refused from its header,
// before sharp allocates anything (limitInputPixels). What is stored is re-encoded: EXIF
// orientation applied, every metadata block (EXIF, GPS, XMP, ICC comments) dropped.

const FORMATS = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" } as const;
type Format = keyof typeof FORMATS;

export type CheckedImage = { bytes: Buffer; contentType: string; width: number; height: number };

/** A 400 naming `field`, the API's answer to every bad upload. */
export function badUpload(field: string, message: string): AppError {
  return new AppError("bad_request", message, { fields: [{ path: field, message }] });
}

export async function checkImage(input: Buffer, field = "file"): Promise<CheckedImage> {
  if (input.length === 0) throw badUpload(field, "The file is empty.");
  if (input.length > MAX_UPLOAD_BYTES) {
    throw badUpload(field, `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
  }
  // Header only: sharp reads the format and declared size without decoding pixels.
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw badUpload(field, "The file is not an image we can read (PNG, JPEG or WebP).");
  }
  const format = meta.format as string;
  if (!Object.hasOwn(FORMATS, format)) throw badUpload(field, "Only PNG, JPEG and WebP images are accepted.");
  const { width = 0, height = 0 } = meta;
  if (width > MAX_UPLOAD_SIDE || height > MAX_UPLOAD_SIDE || width < 1 || height < 1) {
    throw badUpload(field, `The image is ${width}×${height} px; each side must be at most ${MAX_UPLOAD_SIDE} px.`);
  }
  try {
    // Decodes every pixel (a truncated or corrupt body fails here), bounded by the checked size.
    const pipeline = sharp(input, { limitInputPixels: MAX_UPLOAD_SIDE * MAX_UPLOAD_SIDE, failOn: "error" }).rotate();
    const encoded = encode(pipeline, format as Format);
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { bytes: data, contentType: FORMATS[format as Format], width: info.width, height: info.height };
  } catch {
    throw badUpload(field, "The image could not be decoded: the file is damaged or not a complete image.");
  }
}

function encode(pipeline: Sharp, format: Format): Sharp {
  // sharp writes no metadata unless asked (withMetadata), so re-encoding strips it.
  switch (format) {
    case "png":
      return pipeline.png({ compressionLevel: 6 });
    case "jpeg":
      return pipeline.jpeg({ quality: 92, mozjpeg: false });
    case "webp":
      return pipeline.webp({ quality: 92 });
  }
}
