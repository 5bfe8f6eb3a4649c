import type { GenerationStatus } from "./generation-status";

// GET /api/generations/:id/lineage: where a generation's input came from (the output it started
// from, chained with "Use as input", "Upscale", "Remove background" or "Edit by instruction") and what was made
// from its outputs. Thumbnails are stored outputs (null until a generation has one).

export type LineageItem = {
  id: string;
  model: string;
  modelLabel: string;
  status: GenerationStatus;
  thumbnail: string | null;
  /** Parent: which of its outputs this generation used. Child: which of ours it used. */
  outputIndex: number;
};

export type LineageView = { parent: LineageItem | null; children: LineageItem[] };
