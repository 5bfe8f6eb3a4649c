import type { GenerationView, GroupKind, OutputView } from "@/shared/generation-view";
import { iso } from "@/shared/time";
import type { Generation, GenerationOutput } from "../db/schema";
import { estimateCostUsd, estimateRunUsd, findModel } from "../replicate/models";
import { groupKindOf } from "./ids";
import { requestedOutputs } from "./output-limits";

// Builds the JSON a browser sees of a generation (its shape: src/shared/generation-view.ts)
// from explicit columns, never a whole row.

export type GenerationViewRow = Pick<
  Generation,
  | "id"
  | "modelKey"
  | "status"
  | "progress"
  | "error"
  | "input"
  | "canceledBy"
  | "groupId"
  | "favourite"
  | "predictTime"
  | "createdAt"
  | "startedAt"
  | "completedAt"
>;
export type OutputViewRow = Pick<GenerationOutput, "index" | "url" | "contentType" | "width" | "height" | "variants">;

/** Its cost from what it used once it ended; before that, a typical run of its model with its inputs. */
function estimatedCost(row: GenerationViewRow, outputs: number): number {
  const model = findModel(row.modelKey);
  if (!model) return 0;
  if (row.predictTime !== null) return estimateCostUsd(model, row.predictTime, outputs);
  return estimateRunUsd(model, requestedOutputs(row.input), row.input);
}

function groupOf(groupId: string | null): { id: string; kind: GroupKind } | null {
  if (!groupId) return null;
  return { id: groupId, kind: groupKindOf(groupId) };
}

/** What a browser sees of a stored output: the original's URL and its sized copies, no storage keys. */
export function toOutputView({ url, contentType, width, height, variants }: Omit<OutputViewRow, "index">): OutputView {
  return {
    url,
    contentType,
    width,
    height,
    variants: (variants ?? []).map((v) => ({ url: v.url, width: v.width, height: v.height })),
  };
}

export function toGenerationView(row: GenerationViewRow, outputs: OutputViewRow[]): GenerationView {
  return {
    id: row.id,
    model: row.modelKey,
    modelLabel: findModel(row.modelKey)?.label ?? row.modelKey,
    status: row.status,
    progress: row.status === "succeeded" ? 1 : row.progress,
    error: row.error,
    input: row.input,
    outputs: [...outputs].sort((a, b) => a.index - b.index).map(toOutputView),
    canceledBy: row.status === "canceled" ? row.canceledBy : null,
    group: groupOf(row.groupId),
    favourite: row.favourite,
    predictTime: row.predictTime,
    estimatedCostUsd: estimatedCost(row, outputs.length),
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    completedAt: iso(row.completedAt),
  };
}
