import "server-only";
import { isAdmin } from "../auth/admin-session";
import { AppError } from "../errors";

/**
 * For routes open to the owner or an admin: acts as the owner first, and only when that finds
 * nothing (not theirs) checks the admin session, so owners never pay for the admin check.
 */
export async function asOwnerOrAdmin<T>(request: Request, asOwner: () => Promise<T>, asAdmin: () => Promise<T>): Promise<T> {
  try {
    return await asOwner();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found" && (await isAdmin(request))) return asAdmin();
    throw error;
  }
}
