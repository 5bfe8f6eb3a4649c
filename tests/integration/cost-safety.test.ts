import { renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generationRow, outputRows } from "../helpers/db-inspect";
import { startTestApp, type TestApp } from "../helpers/test-app";

// Nothing billed twice, quotas held under concurrency, upstream failures worded for people.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    env: { MAX_RUNNING_PER_OWNER: "3", RECONCILE_AFTER_SECONDS: "1", RECONCILE_INTERVAL_SECONDS: "1" },
  });
  const { startReconcileTimer } = await import("../../src/lib/generations/reconcile-timer");
  startReconcileTimer();
});
afterAll(async () => {
  await app?.close();
});

type Prediction = { id: string; input: { prompt: string } };
const emulatorPredictions = async (promptPart: string) => {
  const res = await fetch(`${app.emulator.url}/v1/predictions`, { headers: { authorization: "Bearer t" } });
  const page = (await res.json()) as { results: Prediction[] };
  return page.results.filter((p) => p.input.prompt.includes(promptPart));
};
const createsFor = async (before: number) =>
  (await app.emulatorRequests()).slice(before).filter((r) => r.method === "POST" && !r.path.endsWith("/cancel"));

describe("idempotency", () => {
  it("20 concurrent POSTs with one key → one generation, one Replicate create", async () => {
    const browser = app.client();
    await browser.request("/api/generations"); // get the owner cookie first, as a page load does
    const before = (await app.emulatorRequests()).length;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        browser.create("sdxl-lightning", { prompt: "double click" }, { idempotencyKey: "key-double-click-1" }),
      ),
    );
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.res.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.res.status === 200)).toHaveLength(19);
    expect(await createsFor(before)).toHaveLength(1);
    expect(await emulatorPredictions("double click")).toHaveLength(1);
  });
});

describe("quotas", () => {
  it("20 concurrent POSTs from one owner with a running limit of 3 → exactly 3 accepted, the rest 429", async () => {
    const browser = app.client();
    await browser.request("/api/generations");
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => browser.create("sdxl-lightning", { prompt: `burst ${i} [cold-start:100]` })),
    );
    expect(answers.filter((a) => a.res.status === 201)).toHaveLength(3);
    const refused = answers.filter((a) => a.res.status === 429);
    expect(refused).toHaveLength(17);
    expect(refused[0]?.res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(refused[0]?.body.error?.message).toMatch(/limit is 3/);
    expect(await emulatorPredictions("burst")).toHaveLength(3);
  });
});

describe("upstream failures on create", () => {
  it("Replicate 429 → 429 with its retry time, the generation failed, no stray prediction, one request", async () => {
    const before = (await app.emulatorRequests()).length;
    const { res, body } = await app.client().create("sdxl-lightning", { prompt: "throttled [create-429:12]" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("12");
    expect(body.error?.message).toMatch(/busy.*12 seconds/);
    expect(await createsFor(before)).toHaveLength(1);
    expect(await emulatorPredictions("throttled")).toEqual([]);
  });

  it("Replicate 500 → 502 with a message a person understands, no stray prediction", async () => {
    const { res, body } = await app.client().create("sdxl-lightning", { prompt: "broken upstream [create-500]" });
    expect(res.status).toBe(502);
    expect(body.error?.message).toMatch(/Replicate is having trouble/);
    expect(await emulatorPredictions("broken upstream")).toEqual([]);
  });

  it("a dropped connection is not re-sent (the SDK alone would send it 6 times) and the orphan is canceled", async () => {
    const browser = app.client();
    const before = (await app.emulatorRequests()).length;
    const { res, body } = await browser.create("sdxl-lightning", { prompt: "reset orphan [create-reset:1]" });
    expect(res.status).toBe(502);
    expect(body.error?.message).toMatch(/Could not reach Replicate/);
    expect(await createsFor(before)).toHaveLength(1);
    // The prediction was created upstream; its first webhook finds a failed generation and stops it.
    const [orphan] = await emulatorPredictions("reset orphan");
    expect(orphan).toBeDefined();
    for (let i = 0; i < 100; i++) {
      const res2 = await fetch(`${app.emulator.url}/v1/predictions/${orphan?.id}`, { headers: { authorization: "Bearer t" } });
      const p = (await res2.json()) as { status: string };
      if (p.status === "canceled") break;
      if (i === 99) throw new Error(`orphan ended ${p.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    // Canceled once, then recorded on the generation: its later events do not cancel again.
    await new Promise((r) => setTimeout(r, 500));
    const cancels = (await app.emulatorRequests()).filter((r) => r.path === `/v1/predictions/${orphan?.id}/cancel`);
    expect(cancels).toHaveLength(1);
    const list = (await (await browser.request("/api/generations")).json()) as {
      generations: { status: string; error: string }[];
    };
    expect(list.generations[0]).toMatchObject({ status: "failed", error: expect.stringMatching(/Could not reach Replicate/) });
  });
});

describe("storage failing during the webhook", () => {
  it("answers 5xx so it is retried; completed later with outputs stored once", async () => {
    const files = path.join(app.dataDir, "files");
    const moved = `${files}.away`;
    renameSync(files, moved);
    writeFileSync(files, "not a directory: every write fails");
    const browser = app.client();
    const { body } = await browser.create("sdxl-lightning", { prompt: "storage outage", num_outputs: 2 });
    // Wait until persisting has failed at least twice.
    for (let i = 0; ; i++) {
      const log = (await (await fetch(`${app.emulator.url}/_emulator/webhooks`)).json()) as {
        deliveries: { url: string; event: string; status: number | null }[];
      };
      const failures = log.deliveries.filter((d) => d.url.includes(body.id) && d.event === "completed" && d.status === 500);
      if (failures.length >= 2) break;
      if (i > 200) throw new Error("no failed deliveries seen");
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((await generationRow(body.id))?.status).not.toBe("succeeded");
    rmSync(files);
    renameSync(moved, files);
    const done = await browser.waitFor(body.id);
    expect(done.status).toBe("succeeded");
    expect((await outputRows(body.id)).map((o) => o.index).sort()).toEqual([0, 1]);
  });
});
