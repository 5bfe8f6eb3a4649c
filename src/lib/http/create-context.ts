import "server-only";
import { clientAddress } from "../auth/client-address";
import type { Owner } from "../auth/owner";
import { configuredWebhookOrigin } from "../env";
import { appOrigin, ownOrigins } from "./origin";

/**
 * What a create (POST /api/generations, POST /api/groups) takes from its request besides the body.
 * `who`: the owner, and the client's address key for per-address limits. `where`: the origin
 * Replicate posts the generations' events to (a Vercel preview's own URL, APP_URL, or locally our
 * own), the app's origin for the file URLs Replicate fetches, and every origin a caller may name
 * the app's files by. Shaped as Requester and CreateOrigins (src/lib/generations/claim.ts).
 */
export function createContext(request: Request, owner: Owner) {
  const origin = appOrigin(request);
  return {
    who: { ownerId: owner.id, clientKey: clientAddress(request).key },
    where: { webhookOrigin: configuredWebhookOrigin() ?? origin, origin, ownOrigins: ownOrigins(request) },
  };
}
