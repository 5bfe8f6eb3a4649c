import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import type { GenerationView, GroupView } from "@/shared/generation-view";
import { ADMIN_COOKIE, isAdminSessionToken } from "../auth/admin-session";
import { OWNER_COOKIE, readOwnerCookie } from "../auth/owner";
import { ownerThenAdmin } from "../auth/owner-then-admin";
import { AppError } from "../errors";
import { getGenerationView } from "./read";
import { getGroupView } from "./read-group";

// Whether a generation's or a group's page has anything to show its visitor, decided on the
// server so that a wrong or foreign link answers 404 (with the app's own not-found page) rather
// than a 200 page that says so. The rule is the API's: a generation is its owner's or an admin's;
// a group, its owner's. "unavailable": the database could not say (it is down); the page then
// renders and says so itself, as it would for any failed poll. Each is read once per request
// (React's cache), by the page's metadata and the page alike.

type Visitor = { ownerId: string | null; adminToken: string | undefined };
export type Lookup<T> = { found: T } | "missing" | "unavailable";

/** The page's visitor, from the request's cookies. */
async function pageVisitor(): Promise<Visitor> {
  const jar = await cookies();
  const owner = await readOwnerCookie(jar.get(OWNER_COOKIE)?.value);
  return { ownerId: owner?.id ?? null, adminToken: jar.get(ADMIN_COOKIE)?.value };
}

async function lookUp<T>(read: () => Promise<T>): Promise<Lookup<T>> {
  try {
    return { found: await read() };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return "missing";
    // Said in the server's log as the API's routes say it (the page shows its own error).
    console.error("[page] could not look up:", error instanceof Error ? error.message : error);
    return "unavailable";
  }
}

const missing = (): never => {
  throw new AppError("not_found", "Not found");
};

/** The generation as this page's visitor may see it: as its owner, else as an admin (the API's rule, ownerThenAdmin). */
export const visibleGeneration = cache(async (id: string): Promise<Lookup<GenerationView>> => {
  const visitor = await pageVisitor();
  return lookUp(() =>
    ownerThenAdmin(
      () => isAdminSessionToken(visitor.adminToken),
      () => (visitor.ownerId ? getGenerationView(id, visitor.ownerId) : missing()),
      () => getGenerationView(id, null),
    ),
  );
});

/** The group, for its owner only. */
export const visibleGroup = cache(async (id: string): Promise<Lookup<GroupView>> => {
  const { ownerId } = await pageVisitor();
  return lookUp(() => (ownerId ? getGroupView(id, ownerId) : missing()));
});
