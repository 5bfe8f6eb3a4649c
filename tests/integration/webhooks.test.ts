import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generationRow, outputRows } from "../helpers/db-inspect";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { postWebhook, signedHeaders } from "../helpers/webhooks";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function predictionOf(generationId: string) {
  const row = await generationRow(generationId);
  const res = await fetch(`${app.emulator.url}/v1/predictions/${row?.predictionId}`, { headers: { authorization: "Bearer t" } });
  return (await res.json()) as Record<string, unknown>;
}

/** A generation whose webhooks the emulator drops, so the test delivers them itself. */
async function silentGeneration(prompt: string, input: Record<string, unknown> = {}) {
  const browser = app.client();
  const { body } = await browser.create("sdxl-lightning", { prompt: `${prompt} [drop-webhooks]`, ...input });
  for (let i = 0; i < 200; i++) {
    const p = await predictionOf(body.id);
    if (p.status === "succeeded") return { browser, id: body.id, prediction: p };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("prediction did not finish");
}

describe("webhook route", () => {
  it("rejects forged, tampered and stale webhooks with 401 and changes nothing", async () => {
    const { id, prediction } = await silentGeneration("forgery target");
    const body = JSON.stringify(prediction);
    const before = await generationRow(id);
    const attempts = [
      signedHeaders("whsec_d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC0xMjM0NTY=", body),
      { ...signedHeaders(app.emulator.webhookSecret, body), "x-note": "tampered below" },
      signedHeaders(app.emulator.webhookSecret, body, { timestamp: new Date(Date.now() - 6 * 60_000) }),
    ];
    const tampered = body.replace('"succeeded"', '"failed"');
    const statuses = [
      (await postWebhook(app.url, id, body, attempts[0] as Record<string, string>)).status,
      (await postWebhook(app.url, id, tampered, attempts[1] as Record<string, string>)).status,
      (await postWebhook(app.url, id, body, attempts[2] as Record<string, string>)).status,
    ];
    expect(statuses).toEqual([401, 401, 401]);
    const after = await generationRow(id);
    expect(after?.status).toBe(before?.status);
    expect(after?.updatedAt).toEqual(before?.updatedAt);
    expect(await outputRows(id)).toEqual([]);
  });

  it("answers 4xx, never 5xx, when signature headers are missing", async () => {
    const res = await postWebhook(app.url, "gen_AAAAAAAAAAAAAAAAAAAAAA", "{}", { "content-type": "application/json" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/webhook-id/);
  });

  it("ignores a late processing event after success", async () => {
    const { browser, id, prediction } = await silentGeneration("late event");
    const done = JSON.stringify(prediction);
    expect((await postWebhook(app.url, id, done, signedHeaders(app.emulator.webhookSecret, done))).status).toBe(200);
    const late = JSON.stringify({ ...prediction, status: "processing", output: null, logs: "late", completed_at: null });
    const res = await postWebhook(app.url, id, late, signedHeaders(app.emulator.webhookSecret, late));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { outcome: string }).outcome).toBe("stale");
    const view = (await browser.get(id)).body;
    expect(view.status).toBe("succeeded");
    expect(view.outputs).toHaveLength(1);
  });

  it("records the prediction id and ignores webhooks for any other prediction", async () => {
    const { id, prediction } = await silentGeneration("early bird");
    const row = await generationRow(id);
    expect(row?.predictionId).toBe(prediction.id);
    // A webhook for a different prediction than the one recorded is not applied.
    const other = JSON.stringify({ ...prediction, id: "someotherpredictionid00000", status: "failed", error: "x" });
    const res = await postWebhook(app.url, id, other, signedHeaders(app.emulator.webhookSecret, other));
    expect(((await res.json()) as { outcome: string }).outcome).toBe("ignored");
  });

  it("fails clearly when Replicate already removed the outputs (data_removed)", async () => {
    const { browser, id, prediction } = await silentGeneration("too late");
    const removed = JSON.stringify({ ...prediction, output: null, data_removed: true });
    expect((await postWebhook(app.url, id, removed, signedHeaders(app.emulator.webhookSecret, removed))).status).toBe(200);
    const view = (await browser.get(id)).body;
    expect(view.status).toBe("failed");
    expect(view.error).toMatch(/expired on Replicate/);
  });

  it("answers 2xx for statuses it does not know, and for unknown generations", async () => {
    const odd = JSON.stringify({ id: "p1", status: "hibernating" });
    expect(
      (await postWebhook(app.url, "gen_AAAAAAAAAAAAAAAAAAAAAA", odd, signedHeaders(app.emulator.webhookSecret, odd))).status,
    ).toBe(200);
  });

  it("accepts a completed event with 5 MB of logs, storing only their tail", async () => {
    const { browser, id, prediction } = await silentGeneration("very chatty model");
    const logs = `${"step … loss 0.123\n".repeat(300_000)}done`;
    const body = JSON.stringify({ ...prediction, logs });
    expect(body.length).toBeGreaterThan(5 * 1024 * 1024);
    // A 5xx (say, the output download failing on a loaded machine) is retried, as Replicate does.
    let res = await postWebhook(app.url, id, body, signedHeaders(app.emulator.webhookSecret, body));
    for (let retry = 0; retry < 3 && res.status >= 500; retry++) {
      res = await postWebhook(app.url, id, body, signedHeaders(app.emulator.webhookSecret, body));
    }
    expect(res.status, await res.text()).toBe(200);
    expect((await browser.get(id)).body.status).toBe("succeeded");
    const row = await generationRow(id);
    expect(row.logsLength).toBe(logs.length);
    expect(row.logsTail?.length).toBe(4000);
    expect(row.logsTail?.endsWith("done")).toBe(true);
  });

  it("refuses a body over 10 MB with 413", async () => {
    const huge = JSON.stringify({ id: "p", status: "processing", logs: "x".repeat(10 * 1024 * 1024 + 10) });
    const res = await postWebhook(app.url, "gen_AAAAAAAAAAAAAAAAAAAAAA", huge, signedHeaders(app.emulator.webhookSecret, huge));
    expect(res.status).toBe(413);
  });
});
