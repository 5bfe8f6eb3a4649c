import { findModel } from "../replicate/models";

// How much of a prediction's output we ever copy: at most what its model can produce (the
// catalogue's num_outputs maximum, else 4) and what the generation asked for, so a signed event
// listing 200 URLs stores a few files, not 200; and only a few downloads at once.

const DEFAULT_MAX_OUTPUTS = 4;
export const OUTPUT_DOWNLOAD_CONCURRENCY = 2;

/** The images a run asks for (num_outputs where the model has it, else one). */
export function requestedOutputs(input: Record<string, unknown>): number {
  const n = input.num_outputs;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : 1;
}

export function maxOutputs(modelKey: string, input: Record<string, unknown>): number {
  const field = findModel(modelKey)?.fields.find((f) => f.name === "num_outputs");
  const modelMax = field?.kind === "integer" ? field.max : DEFAULT_MAX_OUTPUTS;
  const asked = input.num_outputs;
  return typeof asked === "number" && Number.isInteger(asked) && asked > 0 ? Math.min(asked, modelMax) : modelMax;
}
