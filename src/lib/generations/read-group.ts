import "server-only";
import type { GroupView } from "@/shared/generation-view";
import { getDb } from "../db";
import { getOwnGroup } from "../db/group-queries";
import { AppError } from "../errors";
import { groupIdPattern } from "./ids";
import { toGenerationView } from "./view";

/** A group as its owner sees it; 404 for anyone else, or for a malformed id. */
export async function getGroupView(id: string, ownerId: string): Promise<GroupView> {
  const found = groupIdPattern.test(id) ? await getOwnGroup(await getDb(), { id, ownerId }) : null;
  if (!found) throw new AppError("not_found", "Group not found");
  return {
    id: found.group.id,
    kind: found.group.kind,
    createdAt: found.group.createdAt.toISOString(),
    generations: found.members.map(({ row, outputs }) => toGenerationView(row, outputs)),
  };
}
