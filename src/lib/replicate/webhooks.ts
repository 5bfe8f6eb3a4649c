import "server-only";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { env } from "../env";
import { AppError } from "../errors";
import { replicate } from "./client";

// Standard Webhooks verification (the `standardwebhooks` reference library: constant-time
// compare, any v1 signature, 5-minute timestamp window). Never the SDK's weaker helper.

/** A fetched secret is refreshed at most this often after a failed verification. */
const REFRESH_INTERVAL_MS = 60_000;

let secretPromise: Promise<string> | undefined;
let lastRefreshAt = 0;

function fetchSecret(): Promise<string> {
  const fetching = replicate()
    .webhooks.default.secret.get()
    .then(({ key }) => key);
  secretPromise = fetching;
  // A failed fetch is not cached: the next webhook asks again.
  fetching.catch(() => {
    if (secretPromise === fetching) secretPromise = undefined;
  });
  return fetching;
}

/** REPLICATE_WEBHOOK_SECRET, else the account's default secret fetched once and cached. */
export function webhookSecret(): Promise<string> {
  const configured = env().REPLICATE_WEBHOOK_SECRET;
  if (configured) return Promise.resolve(configured);
  return secretPromise ?? fetchSecret();
}

/**
 * After a signature that does not verify: the fetched secret may have been rotated (it is cached
 * for the life of the process), so fetch it again, at most once a minute; a forger cannot turn
 * bad signatures into a stream of requests to Replicate. Null when no refresh is due or it
 * brought nothing new. A configured secret is never refreshed: the operator owns it.
 */
async function refreshedSecret(current: string): Promise<string | null> {
  if (env().REPLICATE_WEBHOOK_SECRET || Date.now() - lastRefreshAt < REFRESH_INTERVAL_MS) return null;
  lastRefreshAt = Date.now();
  try {
    const fresh = await fetchSecret();
    return fresh !== current ? fresh : null;
  } catch {
    return null;
  }
}

const signatureHeaders = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

/** Verifies the raw body against its signature headers; returns the webhook id. */
export async function verifyWebhook(rawBody: string, headers: Headers): Promise<string> {
  const values = Object.fromEntries(signatureHeaders.map((name) => [name, headers.get(name) ?? ""]));
  const missing = signatureHeaders.filter((name) => !values[name]);
  if (missing.length > 0) {
    throw new AppError("bad_request", `Missing webhook signature headers: ${missing.join(", ")}`);
  }
  let secret: string;
  try {
    secret = await webhookSecret();
  } catch (cause) {
    // Without the secret nothing can be verified; 503 makes Replicate retry later.
    throw new AppError("unavailable", "Webhook secret unavailable", { cause });
  }
  let failure = verifyWith(secret, rawBody, values);
  if (failure) {
    const fresh = await refreshedSecret(secret);
    if (fresh) failure = verifyWith(fresh, rawBody, values);
  }
  if (failure) throw new AppError("unauthorized", `Invalid webhook signature: ${failure.message}`);
  return values["webhook-id"] as string;
}

function verifyWith(secret: string, rawBody: string, values: Record<string, string>): WebhookVerificationError | null {
  try {
    new Webhook(secret).verify(rawBody, values, { jsonParse: false });
    return null;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error;
    throw error;
  }
}
