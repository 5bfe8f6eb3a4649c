import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

// Signs a webhook exactly as Replicate does, so tests can forge, tamper and replay deliveries.
export function signedHeaders(
  secret: string,
  body: string,
  options: { id?: string; timestamp?: Date } = {},
): Record<string, string> {
  const id = options.id ?? `msg_${randomBytes(12).toString("base64url")}`;
  const timestamp = options.timestamp ?? new Date();
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, timestamp, body),
  };
}

export function postWebhook(appUrl: string, generationId: string, body: string, headers: Record<string, string>) {
  return fetch(`${appUrl}/api/webhooks/replicate?generation=${generationId}`, { method: "POST", headers, body });
}
