import "server-only";
import type { GenerationView, GroupView } from "@/shared/generation-view";
import { isAdminSessionToken } from "../auth/admin-session";
import { AppError } from "../errors";
import { getGenerationView } from "./read";
import { getGroupView } from "./read-group";

// Whether a generation's or a group's page has anything to show its visitor, decided on the
// server so that a wrong or foreign link answers 404 (with the app's own not-found page) rather
// than a 200 page that says so. The rule is the API's: a generation is its owner's or an admin's;
// a group, its owner's. "unavailable": the database could not say (it is down); the page then
// renders and says so itself, as it would for any failed poll.

export type Visitor = { ownerId: string | null; adminToken: string | undefined };
export type Lookup<T> = { found: T } | "missing" | "unavailable";

async function lookUp<T>(read: () => Promise<T | null>): Promise<Lookup<T>> {
  try {
    const found = await read();
    return found === null ? "missing" : { found };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return "missing";
    return "unavailable";
  }
}

const notFoundAsNull = async <T>(read: () => Promise<T>): Promise<T | null> => {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
};

/** The generation as this visitor may see it: as its owner, else as an admin. */
export function visibleGeneration(id: string, visitor: Visitor): Promise<Lookup<GenerationView>> {
  return lookUp(async () => {
    const own = visitor.ownerId ? await notFoundAsNull(() => getGenerationView(id, visitor.ownerId as string)) : null;
    if (own) return own;
    return (await isAdminSessionToken(visitor.adminToken)) ? notFoundAsNull(() => getGenerationView(id, null)) : null;
  });
}

/** The group, for its owner only. */
export function visibleGroup(id: string, visitor: Visitor): Promise<Lookup<GroupView>> {
  return lookUp(async () => (visitor.ownerId ? notFoundAsNull(() => getGroupView(id, visitor.ownerId as string)) : null));
}
