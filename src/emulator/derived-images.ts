import sharp, { type Sharp } from "sharp";
import type { Derivation, ImageRecipe } from "./images";

// Outputs of the image tools, made from their input pixels so that a test can see the input was
// used: a tinted blend (img2img, edits), a masked repaint (inpainting), a resize (upscaling) or a
// cut-out with an alpha channel (background removal). `picture` is the prompt's own drawing.

export async function deriveImage(
  recipe: ImageRecipe,
  derived: { kind: Derivation; source: Buffer; mask?: Buffer },
  picture: Sharp,
): Promise<Sharp> {
  const { width, height } = recipe;
  const source = sharp(derived.source).rotate().resize(width, height, { fit: "fill" });
  switch (derived.kind) {
    case "upscale":
      return source;
    case "cutout": {
      // Keep an ellipse around the centre, make the rest transparent.
      const ellipse = Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><ellipse cx="${width / 2}" cy="${height / 2}" rx="${width * 0.38}" ry="${height * 0.42}" fill="#fff"/></svg>`,
      );
      return sharp(await source.ensureAlpha().png().toBuffer()).composite([{ input: ellipse, blend: "dest-in" }]);
    }
    case "tint": {
      const overlay = await picture.clone().resize(width, height).ensureAlpha(0.4).png().toBuffer();
      return sharp(await source.removeAlpha().png().toBuffer()).composite([{ input: overlay }]);
    }
    case "inpaint": {
      const base = await source.removeAlpha().png().toBuffer();
      if (!derived.mask) return sharp(base);
      const alpha = await sharp(derived.mask).resize(width, height, { fit: "fill" }).greyscale().raw().toBuffer();
      const paint = await picture.clone().resize(width, height).removeAlpha().raw().toBuffer();
      const masked = await sharp(paint, { raw: { width, height, channels: 3 } })
        .joinChannel(alpha, { raw: { width, height, channels: 1 } })
        .png()
        .toBuffer();
      return sharp(base).composite([{ input: masked }]);
    }
  }
}
