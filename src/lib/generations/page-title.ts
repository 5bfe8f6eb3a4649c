import "server-only";
import { getGenerationView } from "./read";

// A generation page's tab title: its prompt (shortened), for its owner only; anyone else gets the
// same neutral title as for a missing id, so titles cannot probe ids. No status in it: the
// browser may keep a prefetched title while the status moves on.

const MAX_PROMPT = 60;

export async function generationPageTitle(id: string, ownerId: string | null): Promise<string> {
  if (!ownerId) return "Generation";
  try {
    const generation = await getGenerationView(id, ownerId);
    const raw = typeof generation.input.prompt === "string" ? generation.input.prompt.trim().replace(/\s+/g, " ") : "";
    return raw.length > MAX_PROMPT ? `${raw.slice(0, MAX_PROMPT - 1)}…` : raw || "Untitled";
  } catch {
    return "Generation";
  }
}
