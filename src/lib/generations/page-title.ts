import type { GenerationView } from "@/shared/generation-view";

// A generation page's tab title: its prompt (shortened). A visitor who may not see the generation
// gets the not-found page's title, the same for a missing id, so titles cannot probe ids. No
// status in it: the browser may keep a prefetched title while the status moves on.

const MAX_PROMPT = 60;

export function generationPageTitle(generation: Pick<GenerationView, "input">): string {
  const raw = typeof generation.input.prompt === "string" ? generation.input.prompt.trim().replace(/\s+/g, " ") : "";
  return raw.length > MAX_PROMPT ? `${raw.slice(0, MAX_PROMPT - 1)}…` : raw || "Untitled";
}
