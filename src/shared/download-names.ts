// File names for downloads that say what they are: the prompt's first words, the model, the
// seed and the image's number, e.g. `red-fox-in-snow_sdxl-lightning_seed-42_2.webp`. ASCII only,
// so every browser and file system keeps them as they are.

/** Lower-case words of `text`, ASCII letters and digits only, joined by "-", at most `max` characters. */
export function slugOf(text: string, max = 40): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > max) break;
    slug = next;
  }
  return slug || "image";
}

type NameParts = { prompt: string; model: string; seed: unknown; index: number; count: number; extension: string };

/** `<prompt words>_<model>[_seed-<n>]`: what every download of a generation is named after. */
function stem({ prompt, model, seed }: Pick<NameParts, "prompt" | "model" | "seed">): string {
  return `${slugOf(prompt)}_${model}${typeof seed === "number" ? `_seed-${seed}` : ""}`;
}

export function outputFileName({ index, count, extension, ...parts }: NameParts): string {
  return `${stem(parts)}${count > 1 ? `_${index + 1}` : ""}.${extension}`;
}

export function zipFileName(parts: Pick<NameParts, "prompt" | "model" | "seed">): string {
  return `${stem(parts)}.zip`;
}

export function extensionOf(contentType: string): string {
  const subtype = contentType.split("/")[1]?.split(";")[0]?.trim();
  return subtype === "jpeg" ? "jpg" : (subtype ?? "bin");
}
