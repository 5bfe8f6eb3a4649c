import { createHash } from "node:crypto";
import sharp from "sharp";
import { deriveImage } from "./derived-images";

// Real, decodable images that differ visibly per prompt, seed and index. They are drawn as SVG
// (no text, so no fonts) and encoded by sharp on libuv's thread pool, off the event loop.

export type ImageFormat = "png" | "webp" | "jpeg";

/**
 * How an image tool's output is made from its input, so tests can tell it used the image:
 * `tint` (img2img, edits) blends the input with the prompt's picture; `inpaint` replaces only the
 * mask's white part; `upscale` resizes the input; `cutout` keeps the input with a transparent
 * background (an alpha channel).
 */
export type Derivation = "tint" | "inpaint" | "upscale" | "cutout";

export type ImageRecipe = {
  prompt: string;
  seed: number;
  index: number;
  width: number;
  height: number;
  format: ImageFormat;
  quality: number;
  /** Mixed into the picture when the model is not deterministic (FLUX with go_fast). */
  variation?: string;
  /** Made from downloaded input images (derived-images.ts). */
  derived?: { kind: Derivation; source: Buffer; mask?: Buffer };
};

export const CONTENT_TYPES: Record<ImageFormat, string> = {
  png: "image/png",
  webp: "image/webp",
  jpeg: "image/jpeg",
};

export const EXTENSIONS: Record<ImageFormat, string> = { png: "png", webp: "webp", jpeg: "jpg" };

/**
 * flux-schnell's sizes: a fixed table per aspect ratio (replicate/cog-flux `ASPECT_RATIOS`);
 * megapixels "0.25" integer-divides both sides by 2. Unknown ratios fall back to 1:1.
 */
const FLUX_SIZES: Record<string, [number, number]> = {
  "1:1": [1024, 1024],
  "16:9": [1344, 768],
  "21:9": [1536, 640],
  "3:2": [1216, 832],
  "2:3": [832, 1216],
  "4:5": [896, 1088],
  "5:4": [1088, 896],
  "3:4": [896, 1152],
  "4:3": [1152, 896],
  "9:16": [768, 1344],
  "9:21": [640, 1536],
};

export function fluxDimensions(aspectRatio: string, megapixels: string) {
  const [width, height] = FLUX_SIZES[aspectRatio] ?? [1024, 1024];
  return megapixels === "0.25" ? { width: Math.floor(width / 2), height: Math.floor(height / 2) } : { width, height };
}

/** Any other model's aspect ratio: about one megapixel, both sides multiples of 16. */
export function ratioDimensions(aspectRatio: string) {
  const [w, h] = aspectRatio.split(":").map(Number);
  const ratio = w && h ? w / h : 1;
  const roundTo16 = (value: number) => Math.max(16, Math.round(value / 16) * 16);
  return { width: roundTo16(Math.sqrt(1024 * 1024 * ratio)), height: roundTo16(Math.sqrt((1024 * 1024) / ratio)) };
}

/** A stream of pseudo-random numbers in [0, 1) derived from the recipe, so output is reproducible. */
function randomSource(recipe: ImageRecipe): () => number {
  const parts = [recipe.prompt, recipe.seed, recipe.index, ...(recipe.variation === undefined ? [] : [recipe.variation])];
  let block = createHash("sha256").update(parts.join("\u0000")).digest();
  let offset = 0;
  return () => {
    if (offset + 2 > block.length) {
      block = createHash("sha256").update(block).digest();
      offset = 0;
    }
    const value = block.readUInt16BE(offset) / 65536;
    offset += 2;
    return value;
  };
}

function svgFor(recipe: ImageRecipe): string {
  const rnd = randomSource(recipe);
  const { width: w, height: h } = recipe;
  const hue = Math.floor(rnd() * 360);
  const colour = (shift: number, light: number) =>
    `hsl(${Math.floor(hue + shift) % 360},${55 + Math.floor(rnd() * 40)}%,${light}%)`;
  const shapes: string[] = [];
  for (let i = 0; i < 7; i++) {
    const r = Math.floor((0.05 + rnd() * 0.25) * Math.min(w, h));
    const fill = colour(60 + rnd() * 240, 35 + Math.floor(rnd() * 40));
    shapes.push(
      `<circle cx="${Math.floor(rnd() * w)}" cy="${Math.floor(rnd() * h)}" r="${r}" fill="${fill}" fill-opacity="0.65"/>`,
    );
  }
  for (let i = 0; i < 3; i++) {
    const points = [0, 1, 2].map(() => `${Math.floor(rnd() * w)},${Math.floor(rnd() * h)}`).join(" ");
    shapes.push(`<polygon points="${points}" fill="${colour(180, 60)}" fill-opacity="0.5"/>`);
  }
  const angle = Math.floor(rnd() * 360);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">`,
    `<defs><linearGradient id="bg" gradientTransform="rotate(${angle} 0.5 0.5)">`,
    `<stop offset="0" stop-color="${colour(0, 25)}"/><stop offset="1" stop-color="${colour(120, 70)}"/>`,
    "</linearGradient></defs>",
    `<rect width="${w}" height="${h}" fill="url(#bg)"/>`,
    ...shapes,
    "</svg>",
  ].join("");
}

export async function renderImage(recipe: ImageRecipe): Promise<Buffer> {
  const picture = sharp(Buffer.from(svgFor(recipe))).flatten({ background: "#000000" });
  const image = recipe.derived ? await deriveImage(recipe, recipe.derived, picture) : picture;
  switch (recipe.format) {
    case "png":
      return image.png({ compressionLevel: 6 }).toBuffer();
    case "webp":
      return image.webp({ quality: Math.max(1, recipe.quality) }).toBuffer();
    case "jpeg":
      return image.jpeg({ quality: Math.max(1, recipe.quality) }).toBuffer();
  }
}
