import type { GenerationStatus } from "./generation-status";

// The JSON of the generations API, as the browser sends and receives it: explicit fields, never
// whole rows. Types only; the server builds these in src/lib/generations/view.ts.

/** POST /api/generations. The route validates it (src/app/api/generations/schema.ts). */
export type CreateGenerationBody = {
  /** A catalogue key, never a version. */
  model: string;
  input: Record<string, unknown>;
  /** Repeating a key returns the generation it first created instead of starting another. */
  idempotencyKey?: string;
};

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

/** GET /api/generations: newest first; pass nextCursor back for the next page. */
export type GenerationPage = { generations: GenerationView[]; nextCursor: string | null };
