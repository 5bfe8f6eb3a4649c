import "server-only";
import { isAdmin } from "../auth/admin-session";
import { ownerThenAdmin } from "../auth/owner-then-admin";

/** For routes open to the owner or an admin: ownerThenAdmin, with the request's admin cookie. */
export function asOwnerOrAdmin<T>(request: Request, asOwner: () => Promise<T>, asAdmin: () => Promise<T>): Promise<T> {
  return ownerThenAdmin(() => isAdmin(request), asOwner, asAdmin);
}
