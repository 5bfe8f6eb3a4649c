import type { GenerationStatus } from "./generation-status";
import type { OutputView } from "./generation-view";

// The JSON of the admin API, as the console receives it: explicit fields, never whole rows.
// Types only; the server builds these in src/lib/admin/.

/** The admin list's "Deleted" filter: the generations their owner deleted left out, or alone. */
export const deletedFilters = ["hide", "only"] as const;
export type DeletedFilter = (typeof deletedFilters)[number];

export type AdminGenerationRow = {
  id: string;
  prompt: string;
  model: string;
  modelLabel: string;
  owner: string;
  status: GenerationStatus;
  progress: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  /** Wall-clock seconds from start to finish (to now while running); null before it starts. */
  durationSeconds: number | null;
  /** Replicate's billed predict time, once it reports one. */
  predictSeconds: number | null;
  /** The first stored output, for a thumbnail. */
  thumbnailUrl: string | null;
  error: string | null;
  canceledBy: "owner" | "admin" | null;
  /** When its owner deleted it (its files are gone; the row stays for admins); null while it is theirs. */
  deletedAt: string | null;
};

export type AdminGenerationPage = { generations: AdminGenerationRow[]; nextCursor: string | null };

export type AdminGenerationDetail = AdminGenerationRow & {
  version: string;
  input: Record<string, unknown>;
  predictionId: string | null;
  logsTail: string | null;
  cancelRequestedAt: string | null;
  updatedAt: string;
  outputs: OutputView[];
};

export type AdminModelUsage = {
  model: string;
  label: string;
  generations: number;
  predictSeconds: number;
  outputs: number;
  estimatedCostUsd: number;
};

export type AdminSummary = {
  runningNow: number;
  today: { since: string; byModel: AdminModelUsage[]; generations: number; predictSeconds: number; estimatedCostUsd: number };
  failuresLastHour: number;
};

export type AdminCancelResult = {
  id: string;
  ok: boolean;
  /** The generation's status after the attempt (absent when it does not exist). */
  status?: GenerationStatus;
  error?: { code: string; message: string };
};
