import "server-only";
import { AppError } from "../errors";

/**
 * The rule for what an owner or an admin may read: as the owner first, and only when that finds
 * nothing (not theirs) is the admin session checked, so owners never pay for the admin check.
 * Routes reach it through asOwnerOrAdmin (the request's cookie); pages through their cookies.
 */
export async function ownerThenAdmin<T>(
  isAdmin: () => Promise<boolean>,
  asOwner: () => Promise<T>,
  asAdmin: () => Promise<T>,
): Promise<T> {
  try {
    return await asOwner();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found" && (await isAdmin())) return asAdmin();
    throw error;
  }
}
