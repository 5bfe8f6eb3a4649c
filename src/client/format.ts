import "client-only";
import type { GenerationView } from "@/shared/generation-view";

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

/** The prompt, or for a tool run without one (upscale, remove background) the tool's name. */
export function promptOf(generation: Pick<GenerationView, "input"> & { modelLabel?: string }): string {
  return givenPrompt(generation.input) ?? generation.modelLabel ?? "Untitled";
}

export function shortOwner(owner: string): string {
  return owner.length > 12 ? `${owner.slice(0, 12)}…` : owner;
}

export function formatUsd(usd: number): string {
  if (usd === 0) return "$0.00";
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}
