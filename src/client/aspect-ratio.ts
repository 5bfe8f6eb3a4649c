import "client-only";
import type { GenerationView } from "@/shared/generation-view";

// A stable box size for a generation's image before and after it exists, so nothing jumps:
// the real output size once known, else the size the input asked for, else square.

function fromInput(input: Record<string, unknown>): number | null {
  const { width, height, aspect_ratio: ratio } = input;
  if (typeof width === "number" && typeof height === "number" && width > 0 && height > 0) return width / height;
  if (typeof ratio === "string") {
    const [w, h] = ratio.split(":").map(Number);
    if (w && h) return w / h;
  }
  return null;
}

export function aspectRatioOf(generation: Pick<GenerationView, "outputs" | "input">): number {
  const first = generation.outputs[0];
  if (first?.width && first.height) return first.width / first.height;
  return fromInput(generation.input) ?? 1;
}

/** For grid thumbnails: keep extreme shapes (21:9, 9:21) from making rows ragged. */
export function thumbnailRatio(generation: Pick<GenerationView, "outputs" | "input">): number {
  return Math.min(16 / 9, Math.max(3 / 4, aspectRatioOf(generation)));
}
