import { randomBytes, randomInt } from "node:crypto";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function randomString(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Replicate prediction ids look like `gm3qorzdhgbfurvjtvhg6dckhu`: 26 lowercase base32 chars. */
export function newPredictionId(): string {
  return randomString(BASE32, 26);
}

/** Standard Webhooks message ids (`msg_p5jXN8AQM9LWM0D4loKWxJek`). */
export function newWebhookMessageId(): string {
  return `msg_${randomString(BASE62, 24)}`;
}

/** A fresh signing secret in the `whsec_<base64>` form Replicate hands out. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export function newFaultId(): string {
  return `fault_${randomString(BASE62, 12)}`;
}
