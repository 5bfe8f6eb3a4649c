import type sharp from "sharp";

// The encode of an image's sized WebP copies, as the server runs it (in-process fallback) and as
// the encoder's child process runs it (variant-encoder.ts sends it over as source text).

export type EncodedVariant = { data: Buffer; width: number; height: number };
export type EncodeSettings = { widths: number[]; quality: number; effort: number };

/**
 * The encode itself: run here when no child can, and sent to the child as source text, so it may
 * use nothing but its arguments.
 */
export async function encodeWith(lib: typeof sharp, data: Buffer, s: EncodeSettings): Promise<EncodedVariant[]> {
  const out: EncodedVariant[] = [];
  for (const width of s.widths) {
    const r = await lib(data)
      .resize({ width })
      .webp({ quality: s.quality, effort: s.effort })
      .toBuffer({ resolveWithObject: true });
    out.push({ data: r.data, width: r.info.width, height: r.info.height });
  }
  return out;
}

/** The child's program: loads sharp from the server's node_modules (its working directory), then encodes on request. */
export const ENCODER_CHILD_SOURCE = `
const sharp = require("sharp");
const encode = ${encodeWith.toString()};
process.on("message", ({ id, data, settings }) => {
  encode(sharp, data, settings)
    .then((out) => process.send({ id, out }), (e) => process.send({ id, error: String((e && e.message) || e) }));
});
process.on("disconnect", () => process.exit(0));
process.send({ ready: true });
`;
