import "client-only";
import type { GenerationView } from "@/shared/generation-view";
import { shortPrompt } from "@/shared/short-prompt";
import { timeAgo } from "@/shared/time";

// Display helpers of the studio and the admin console (times and durations: src/shared/time.ts).

/** The prompt given, trimmed; null for a run without one (upscale, remove background). */
export function givenPrompt(input: Record<string, unknown>): string | null {
  const prompt = input.prompt;
  return typeof prompt === "string" && prompt.trim() ? prompt.trim() : null;
}

/** The seed a run used; null for a model without one (upscale, remove background). */
export function seedOf(input: GenerationView["input"]): number | null {
  return typeof input.seed === "number" ? input.seed : null;
}

/** How many images a run gives: those it saved once it has succeeded, else as many as it asked for. */
export function imageCount(generation: Pick<GenerationView, "status" | "outputs" | "input">): number {
  if (generation.status === "succeeded") return generation.outputs.length;
  const asked = Number(generation.input.num_outputs);
  return Number.isInteger(asked) && asked > 1 ? asked : 1;
}

/** "your image", or "your 3 images". */
export const yourImages = (count: number): string => (count === 1 ? "your image" : `your ${count} images`);

/** "Your image is", or "Your 3 images are": the start of a sentence about a run's images. */
export const yourImagesAre = (count: number): string => (count === 1 ? "Your image is" : `Your ${count} images are`);

/**
 * What a comparison's runs share, in words, from its first run's input: "one prompt and seed 42",
 * "one image" (tools that take only a picture), "one image, one prompt and seed 7".
 */
export function sharedInputText(input: GenerationView["input"]): string {
  const seed = seedOf(input);
  const parts = [
    typeof input.image === "string" || typeof input.input_image === "string" ? "one image" : null,
    givenPrompt(input) ? "one prompt" : null,
    seed === null ? null : `seed ${seed}`,
  ].filter((part) => part !== null);
  const last = parts.pop();
  if (!last) return "the same input";
  return parts.length > 0 ? `${parts.join(", ")} and ${last}` : last;
}

/** The prompt, or for a tool run without one (upscale, remove background) the tool's name. */
export function promptOf(generation: Pick<GenerationView, "input"> & { modelLabel?: string }): string {
  return givenPrompt(generation.input) ?? generation.modelLabel ?? "Untitled";
}

/** Which of a run's images: "image 2 of 4"; null for a run with one image. */
export function imageOfCount(index: number, count: number): string | null {
  return count > 1 ? `image ${index + 1} of ${count}` : null;
}

/**
 * A "From my images…" tile's accessible name, so tiles tell apart: the prompt (cut at 60
 * characters), the model and which image, and when: `Use “A red fox” from SDXL Lightning, image 2
 * of 4, 5 minutes ago`; a run without a prompt names its tool: `Use the Upscale output, yesterday`.
 */
export function outputPickName(
  generation: Pick<GenerationView, "input" | "modelLabel" | "outputs" | "createdAt">,
  index: number,
  now = Date.now(),
): string {
  const prompt = givenPrompt(generation.input);
  const which = imageOfCount(index, generation.outputs.length);
  const when = timeAgo(generation.createdAt, now);
  // Commas, not parentheses: model labels have their own ("Upscale (Real-ESRGAN)").
  const what = prompt ? `“${shortPrompt(prompt)}” from ${generation.modelLabel}` : `the ${generation.modelLabel} output`;
  return `Use ${[what, which, when].filter(Boolean).join(", ")}`;
}

export function shortOwner(owner: string): string {
  return owner.length > 12 ? `${owner.slice(0, 12)}…` : owner;
}

/**
 * Dollars to cents from $1; below that, two significant digits, so a small sum keeps its size
 * ($0.0036, $0.014: four runs of $0.0036 read "$0.01" before) and round ones stay short ($0.04).
 */
export function formatUsd(usd: number): string {
  if (usd < 0) return `-${formatUsd(-usd)}`;
  if (usd === 0) return "$0.00";
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  // As many decimals as two significant digits need, less the zeros a round figure ends with.
  const decimals = Math.min(20, Math.max(2, 1 - Math.floor(Math.log10(usd))));
  const [whole, fraction = ""] = usd.toFixed(decimals).split(".");
  return `$${whole}.${fraction.replace(/0+$/, "").padEnd(2, "0")}`;
}
