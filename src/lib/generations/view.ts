import type { GenerationStatus } from "@/shared/generation-status";
import type { Generation, GenerationOutput } from "../db/schema";
import { findModel } from "../replicate/models";

// The JSON a browser sees of a generation: explicit fields, never a whole row.

export type OutputView = { url: string; contentType: string; width: number | null; height: number | null };

export type GenerationView = {
  id: string;
  model: string;
  modelLabel: string;
  status: GenerationStatus;
  /** 0..1 while processing; 1 once succeeded. */
  progress: number;
  error: string | null;
  input: Record<string, unknown>;
  outputs: OutputView[];
  canceledBy: "owner" | "admin" | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
};

export type GenerationPage = { generations: GenerationView[]; nextCursor: string | null };

export type GenerationViewRow = Pick<
  Generation,
  "id" | "modelKey" | "status" | "progress" | "error" | "input" | "canceledBy" | "createdAt" | "startedAt" | "completedAt"
>;
export type OutputViewRow = Pick<GenerationOutput, "index" | "url" | "contentType" | "width" | "height">;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

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
