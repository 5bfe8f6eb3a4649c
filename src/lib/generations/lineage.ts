import "server-only";
import type { LineageItem, LineageView } from "@/shared/lineage-view";
import { getDb } from "../db";
import { getLineageItem, getParentLink, type LineageRow, listChildren } from "../db/lineage-queries";
import { AppError } from "../errors";
import { findModel } from "../replicate/models";

const item = (row: LineageRow): LineageItem => ({
  id: row.id,
  model: row.modelKey,
  modelLabel: findModel(row.modelKey)?.label ?? row.modelKey,
  status: row.status,
  thumbnail: row.thumbnail,
  outputIndex: Number(row.outputIndex),
});

/** The lineage of one generation as its owner (or an admin, ownerId null) sees it; 404 for anyone else. */
export async function getLineage(id: string, ownerId: string | null): Promise<LineageView> {
  const db = await getDb();
  const link = await getParentLink(db, id, ownerId);
  if (!link) throw new AppError("not_found", "Generation not found");
  const parent = link.parentId ? await getLineageItem(db, link.parentId, link.outputIndex ?? 0) : null;
  const children = await listChildren(db, id);
  return { parent: parent ? item(parent) : null, children: children.map(item) };
}
