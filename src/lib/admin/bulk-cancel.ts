import "server-only";
import type { AdminCancelResult } from "@/shared/admin-views";
import type { GenerationView } from "@/shared/generation-view";
import { getDb } from "../db";
import { listActiveGenerationIds } from "../db/admin-queries";
import { AppError } from "../errors";
import { cancelGeneration } from "../generations/cancel";

// Cancels many generations as an admin, each on its own: one failure never stops the rest, and
// the answer says per id what happened. A few at a time, so Replicate is not hit by a burst.

const CONCURRENCY = 4;
/** "Cancel all running" stops at this many per request; the console can simply ask again. */
export const MAX_CANCEL_ALL = 500;

async function cancelOne(id: string): Promise<AdminCancelResult> {
  try {
    const generation = await cancelGeneration(id, { kind: "admin" });
    return { id, ok: true, status: generation.status };
  } catch (error) {
    if (!(error instanceof AppError)) console.error("[admin] cancel failed", id, error);
    const appError = error instanceof AppError ? error : new AppError("internal", "Could not cancel this generation.");
    const current = appError.details?.generation as GenerationView | undefined;
    return {
      id,
      ok: false,
      ...(current ? { status: current.status } : {}),
      error: { code: appError.code, message: appError.message },
    };
  }
}

export async function cancelGenerationsAsAdmin(ids: readonly string[]): Promise<AdminCancelResult[]> {
  const unique = [...new Set(ids)];
  const results: AdminCancelResult[] = new Array(unique.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < unique.length; i = next++) results[i] = await cancelOne(unique[i] as string);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, unique.length) }, worker));
  return results;
}

/** Every generation not yet finished, at the moment of asking. */
export async function cancelAllRunning(): Promise<AdminCancelResult[]> {
  return cancelGenerationsAsAdmin(await listActiveGenerationIds(await getDb(), MAX_CANCEL_ALL));
}
