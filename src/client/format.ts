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
 * characters), the model and which image, and when. `Use “A red fox” (SDXL Lightning, image 2 of
 * 4), 5 minutes ago`; a run without a prompt names its tool: `Use the Upscale output, yesterday`.
 */
export function outputPickName(
  generation: Pick<GenerationView, "input" | "modelLabel" | "outputs" | "createdAt">,
  index: number,
  now = Date.now(),
): string {
  const prompt = givenPrompt(generation.input);
  const which = imageOfCount(index, generation.outputs.length);
  const when = timeAgo(generation.createdAt, now);
  if (prompt) return `Use “${shortPrompt(prompt)}” (${[generation.modelLabel, which].filter(Boolean).join(", ")}), ${when}`;
  return `Use the ${generation.modelLabel} output${which ? ` (${which})` : ""}, ${when}`;
}

export function shortOwner(owner: string): string {
  return owner.length > 12 ? `${owner.slice(0, 12)}…` : owner;
}

export function formatUsd(usd: number): string {
  if (usd === 0) return "$0.00";
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}
