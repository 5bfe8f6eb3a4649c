import "server-only";
import type { AdminGenerationDetail, AdminGenerationPage, AdminGenerationRow } from "@/shared/admin-views";
import { iso } from "@/shared/time";
import { getDb } from "../db";
import { type AdminGenerationFilters, type AdminRow, getAdminGeneration, listAllGenerations } from "../db/admin-queries";
import { searchAllGenerations } from "../db/admin-search-queries";
import { decodeCursor, encodeCursor } from "../db/cursor";
import { outputsFor } from "../db/queries";
import { AppError } from "../errors";
import { toOutputView } from "../generations/view";
import { findModel } from "../replicate/models";

// What the admin console reads: every owner's generations, and one generation in full.

const round = (n: number | null, digits = 2) => (n === null ? null : Number(n.toFixed(digits)));

export function toAdminRow(row: AdminRow): AdminGenerationRow {
  return {
    id: row.id,
    prompt: row.prompt ?? "",
    model: row.modelKey,
    modelLabel: findModel(row.modelKey)?.label ?? row.modelKey,
    owner: row.ownerId,
    status: row.status,
    progress: row.status === "succeeded" ? 1 : row.progress,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    completedAt: iso(row.completedAt),
    // As finely as the predict time beside it: rounded to 0.1 s, a 0.43 s run read "0.40 s" next to "0.43 s".
    durationSeconds: round(row.durationSeconds === null ? null : Math.max(0, Number(row.durationSeconds)), 3),
    predictSeconds: round(row.predictTime, 3),
    thumbnailUrl: row.thumbnailUrl,
    error: row.error,
    canceledBy: row.status === "canceled" ? row.canceledBy : null,
    deletedAt: iso(row.deletedAt),
  };
}

export async function listAdminGenerations(
  filters: AdminGenerationFilters,
  cursor: string | null,
  limit: number,
): Promise<AdminGenerationPage> {
  const params = { filters, cursor: decodeCursor(cursor), limit };
  const page = await (filters.q ? searchAllGenerations : listAllGenerations)(await getDb(), params);
  return {
    generations: page.rows.map(toAdminRow),
    nextCursor: page.next ? encodeCursor(page.next) : null,
  };
}

export async function getAdminGenerationDetail(id: string): Promise<AdminGenerationDetail> {
  const db = await getDb();
  const row = await getAdminGeneration(db, id);
  if (!row) throw new AppError("not_found", "Generation not found");
  const outputs = (await outputsFor(db, [id])).get(id) ?? [];
  return {
    ...toAdminRow(row),
    version: row.version,
    input: row.input,
    predictionId: row.predictionId,
    logsTail: row.logsTail,
    cancelRequestedAt: iso(row.cancelRequestedAt),
    updatedAt: row.updatedAt.toISOString(),
    outputs: outputs.map(toOutputView),
  };
}
