import "server-only";
import { getGenerationView } from "./read";

// A generation page's tab title: its prompt (shortened) and status, for its owner only; anyone
// else gets the same neutral title as for a missing id, so titles cannot probe ids.

const MAX_PROMPT = 60;
const statusWords = {
  queued: "queued",
  starting: "starting",
  processing: "generating",
  succeeded: "",
  failed: "failed",
  canceled: "canceled",
};

export async function generationPageTitle(id: string, ownerId: string | null): Promise<string> {
  if (!ownerId) return "Generation";
  try {
    const generation = await getGenerationView(id, ownerId);
    const raw = typeof generation.input.prompt === "string" ? generation.input.prompt.trim().replace(/\s+/g, " ") : "";
    const prompt = raw.length > MAX_PROMPT ? `${raw.slice(0, MAX_PROMPT - 1)}…` : raw || "Untitled";
    const status = statusWords[generation.status];
    return status ? `${prompt} (${status})` : prompt;
  } catch {
    return "Generation";
  }
}
