import type { GenerationView } from "@/shared/generation-view";
import { shortPrompt } from "@/shared/short-prompt";

// A generation page's tab title: its prompt (shortened). A visitor who may not see the generation
// gets the not-found page's title, the same for a missing id, so titles cannot probe ids. No
// status in it: the browser may keep a prefetched title while the status moves on.

export function generationPageTitle(generation: Pick<GenerationView, "input">): string {
  return shortPrompt(generation.input.prompt) || "Untitled";
}
