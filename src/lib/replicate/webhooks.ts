import "server-only";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { env } from "../env";
import { AppError } from "../errors";
import { replicate } from "./client";

// Standard Webhooks verification (the `standardwebhooks` reference library: constant-time
// compare, any v1 signature, 5-minute timestamp window). Never the SDK's weaker helper.

let secretPromise: Promise<string> | undefined;

/** REPLICATE_WEBHOOK_SECRET, else the account's default secret fetched once and cached. */
export function webhookSecret(): Promise<string> {
  const configured = env().REPLICATE_WEBHOOK_SECRET;
  if (configured) return Promise.resolve(configured);
  if (!secretPromise) {
    const fetching = replicate()
      .webhooks.default.secret.get()
      .then(({ key }) => key);
    secretPromise = fetching;
    // A failed fetch is not cached: the next webhook asks again.
    fetching.catch(() => {
      if (secretPromise === fetching) secretPromise = undefined;
    });
  }
  return secretPromise;
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
  try {
    new Webhook(secret).verify(rawBody, values, { jsonParse: false });
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      throw new AppError("unauthorized", `Invalid webhook signature: ${error.message}`);
    }
    throw error;
  }
  return values["webhook-id"] as string;
}
