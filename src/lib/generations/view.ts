import type { GenerationView } from "@/shared/generation-view";
import { iso } from "@/shared/time";
import type { Generation, GenerationOutput } from "../db/schema";
import { findModel } from "../replicate/models";

// Builds the JSON a browser sees of a generation (its shape: src/shared/generation-view.ts)
// from explicit columns, never a whole row.

export type GenerationViewRow = Pick<
  Generation,
  "id" | "modelKey" | "status" | "progress" | "error" | "input" | "canceledBy" | "createdAt" | "startedAt" | "completedAt"
>;
export type OutputViewRow = Pick<GenerationOutput, "index" | "url" | "contentType" | "width" | "height">;

export function toGenerationView(row: GenerationViewRow, outputs: OutputViewRow[]): GenerationView {
  return {
    id: row.id,
    model: row.modelKey,
    modelLabel: findModel(row.modelKey)?.label ?? row.modelKey,
    status: row.status,
    progress: row.status === "succeeded" ? 1 : row.progress,
    error: row.error,
    input: row.input,
    outputs: [...outputs]
      .sort((a, b) => a.index - b.index)
      .map(({ url, contentType, width, height }) => ({ url, contentType, width, height })),
    canceledBy: row.status === "canceled" ? row.canceledBy : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    completedAt: iso(row.completedAt),
  };
}
