import "client-only";
import type { GenerationStatus } from "@/shared/generation-status";
import type { GenerationView } from "@/shared/generation-view";

// The words the pages show for a status (the statuses themselves: src/shared/generation-status.ts).

export const statusLabels: Record<GenerationStatus, string> = {
  queued: "Queued",
  starting: "Starting",
  processing: "Generating",
  succeeded: "Succeeded",
  failed: "Failed",
  canceled: "Canceled",
};

/** A cancel's answer with this status came too late: Replicate had finished the run first. */
export const finishedBeforeCancel = (status: GenerationStatus | undefined): boolean =>
  status === "succeeded" || status === "failed";

/** What a Cancel that came after the generation ended says, from how it ended. */
export function tooLateToCancelText(status: GenerationStatus): string {
  if (status === "canceled") return "It had already been canceled.";
  return `Too late to cancel: it had already ${status === "failed" ? "failed" : "finished"}.`;
}

export function canceledText(generation: Pick<GenerationView, "canceledBy">): string {
  if (generation.canceledBy === "admin") return "Canceled by an administrator";
  return generation.canceledBy === "owner" ? "Canceled by you" : "Canceled";
}

/** What stands where an image would be: nothing while it runs, else why there is none. */
export function noImageText(generation: Pick<GenerationView, "status" | "canceledBy">): string | null {
  if (generation.status === "failed") return "No image";
  if (generation.status === "canceled") return canceledText(generation);
  return null;
}
