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

/** A smaller WebP copy of an output, for galleries (`srcset`); the original stays at `url`. */
export type OutputVariantView = { url: string; width: number; height: number };

export type OutputView = {
  url: string;
  contentType: string;
  width: number | null;
  height: number | null;
  /** Smallest first; empty for outputs stored before variants existed. */
  variants: OutputVariantView[];
};

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
  /** The group it was started with: N seeds of one model, or one prompt on several models. */
  group: { id: string; kind: GroupKind } | null;
  favourite: boolean;
  /** Seconds of predict time Replicate reported (null until it finishes). */
  predictTime: number | null;
  /** Estimated cost in USD from the catalogue's prices: of the run once it has ended, else of a typical run. */
  estimatedCostUsd: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
};

/** GET /api/generations: newest first; pass nextCursor back for the next page. */
export type GenerationPage = { generations: GenerationView[]; nextCursor: string | null };

export type GroupKind = "variations" | "compare";

/** The most generations one request may start (variations or compare). */
export const MAX_GROUP_SIZE = 4;
/** The sizes a group can have: 2 up to MAX_GROUP_SIZE. */
export const GROUP_SIZES = [2, 3, 4] as const;

/** POST /api/groups: N seeds of one model, or the same input on 2–4 models. */
export type CreateGroupBody =
  | { kind: "variations"; model: string; count: number; input: Record<string, unknown>; idempotencyKey?: string }
  | { kind: "compare"; models: string[]; input: Record<string, unknown>; idempotencyKey?: string };

/** GET /api/groups/:id (and POST /api/groups' answer): the group's generations in the order they were asked for. */
export type GroupView = { id: string; kind: GroupKind; createdAt: string; generations: GenerationView[] };
