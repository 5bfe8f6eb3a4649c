import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

// The protocol's test vector (Standard Webhooks, as Replicate signs).
const vector = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

let verifyWebhook: typeof import("../../src/lib/replicate/webhooks").verifyWebhook;

beforeAll(async () => {
  process.env.REPLICATE_WEBHOOK_SECRET = vector.secret;
  ({ verifyWebhook } = await import("../../src/lib/replicate/webhooks"));
});
afterEach(() => vi.useRealTimers());

function headers(id: string, timestamp: number, signature: string): Headers {
  return new Headers({ "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": signature });
}

/** Signed independently of the library under test, straight from the spec. */
function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (e: { status?: number }) => e.status ?? 500,
  );

describe("webhook verification", () => {
  it("accepts the protocol's test vector at its own time", async () => {
    expect(sign(vector.secret, vector.id, vector.timestamp, vector.body)).toBe(vector.signature);
    expect(new Webhook(vector.secret).sign(vector.id, new Date(vector.timestamp * 1000), vector.body)).toBe(vector.signature);
    vi.useFakeTimers({ now: vector.timestamp * 1000 });
    await expect(verifyWebhook(vector.body, headers(vector.id, vector.timestamp, vector.signature))).resolves.toBe(vector.id);
  });

  it("rejects a tampered body", async () => {
    vi.useFakeTimers({ now: vector.timestamp * 1000 });
    const tampered = vector.body.replace("2432232314", "2432232315");
    expect(await status(verifyWebhook(tampered, headers(vector.id, vector.timestamp, vector.signature)))).toBe(401);
  });

  it("rejects a timestamp more than 5 minutes old or ahead, even when correctly signed", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const ts of [now - 301, now + 301]) {
      const sig = sign(vector.secret, "msg_1", ts, "{}");
      expect(await status(verifyWebhook("{}", headers("msg_1", ts, sig)))).toBe(401);
    }
    const fresh = now - 299;
    expect(await status(verifyWebhook("{}", headers("msg_1", fresh, sign(vector.secret, "msg_1", fresh, "{}"))))).toBe(200);
  });

  it("rejects a signature made with another secret", async () => {
    const now = Math.floor(Date.now() / 1000);
    const other = sign("whsec_c2VjcmV0LW90aGVyLXRoYW4tdGhlLXJlYWwtb25l", "msg_2", now, "{}");
    expect(await status(verifyWebhook("{}", headers("msg_2", now, other)))).toBe(401);
  });

  it("accepts when any one of several signatures is valid", async () => {
    const now = Math.floor(Date.now() / 1000);
    const good = sign(vector.secret, "msg_3", now, "{}");
    const list = `v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v2,${good.slice(3)} ${good}`;
    expect(await status(verifyWebhook("{}", headers("msg_3", now, list)))).toBe(200);
    // A valid MAC under the wrong version prefix does not count.
    expect(await status(verifyWebhook("{}", headers("msg_3", now, `v2,${good.slice(3)}`)))).toBe(401);
  });

  it("answers 400 (never 5xx) when signature headers are missing", async () => {
    expect(await status(verifyWebhook("{}", new Headers()))).toBe(400);
    expect(await status(verifyWebhook("{}", new Headers({ "webhook-id": "x", "webhook-timestamp": "1" })))).toBe(400);
  });
});
