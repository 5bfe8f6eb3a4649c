import type { GenerationView } from "@/lib/generations/view";

// Status helpers shared by the grid, the detail page and the polling hooks.
// (Kept here rather than imported from the db schema, which must not enter the client bundle.)

export type GenerationStatus = GenerationView["status"];

const terminal = new Set<GenerationStatus>(["succeeded", "failed", "canceled"]);

export function isTerminal(status: GenerationStatus): boolean {
  return terminal.has(status);
}

export function isActive(generation: Pick<GenerationView, "status">): boolean {
  return !terminal.has(generation.status);
}

export const statusLabels: Record<GenerationStatus, string> = {
  queued: "Queued",
  starting: "Starting",
  processing: "Generating",
  succeeded: "Succeeded",
  failed: "Failed",
  canceled: "Canceled",
};

export function canceledText(generation: Pick<GenerationView, "canceledBy">): string {
  if (generation.canceledBy === "admin") return "Canceled by an administrator";
  return generation.canceledBy === "owner" ? "Canceled by you" : "Canceled";
}
