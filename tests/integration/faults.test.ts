import { readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generationRow, outputRows } from "../helpers/db-inspect";
import { untilEmulatorIdle } from "../helpers/emulator-control";
import { COPIES_MADE, outputFiles } from "../helpers/stored-files";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { postWebhook, signedHeaders } from "../helpers/webhooks";

// The emulator as a faulty Replicate: each fault ends in the true final state, clearly worded.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { RECONCILE_AFTER_SECONDS: "1", RECONCILE_INTERVAL_SECONDS: "1" } });
  const { startReconcileTimer } = await import("../../src/lib/generations/reconcile-timer");
  startReconcileTimer();
});
afterAll(async () => {
  await app?.close();
});

const run = async (prompt: string, input: Record<string, unknown> = {}, timeoutMs = 15_000) => {
  const browser = app.client();
  const { res, body } = await browser.create("sdxl-lightning", { prompt, ...input });
  expect(res.status).toBe(201);
  return { browser, id: body.id, done: await browser.waitFor(body.id, undefined, timeoutMs) };
};

const storedFiles = (id: string) => {
  try {
    return readdirSync(path.join(app.dataDir, "files", "generations", id));
  } catch {
    return [];
  }
};

describe("prediction faults", () => {
  it.each([
    ["[fail:CUDA out of memory]", /CUDA out of memory/],
    ["[nsfw]", /NSFW content detected/],
    ["[aborted]", /aborted/],
  ])("%s ends failed with the model's message and stores nothing", async (marker, message) => {
    const { id, done } = await run(`a cat ${marker}`);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(message);
    expect(storedFiles(id)).toEqual([]);
  });

  it("[cold-start] waits in starting, then succeeds", async () => {
    const browser = app.client();
    const { body } = await browser.create("sdxl-lightning", { prompt: "slow boot [cold-start:20]" });
    expect((await browser.waitFor(body.id, ["starting"])).status).toBe("starting");
    expect((await browser.waitFor(body.id)).status).toBe("succeeded");
  });

  it("[file-404] (output expired before we copied it) fails clearly instead of hanging", async () => {
    const { done } = await run("gone [file-404]");
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/expired/);
  });

  it("[slow-file] is still copied", async () => {
    const { id, done } = await run("trickle [slow-file:10]");
    expect(done.status).toBe("succeeded");
    await vi.waitFor(() => expect(storedFiles(id).sort()).toEqual(outputFiles(0)), COPIES_MADE);
  });

  it.each(["[duplicate-webhooks:4]", "[out-of-order]", "[delay-webhooks:10]"])(
    "%s converges on one success with one set of outputs",
    async (marker) => {
      const { id, done } = await run(`chaos ${marker}`, { num_outputs: 2 });
      expect(done.status).toBe("succeeded");
      // Once every trailing duplicate or late event has landed, nothing has moved.
      await untilEmulatorIdle(app, (await generationRow(id)).predictionId ?? undefined);
      expect((await outputRows(id)).map((o) => o.index).sort()).toEqual([0, 1]);
      await vi.waitFor(() => expect(storedFiles(id).sort()).toEqual(outputFiles(0, 1)), COPIES_MADE);
      expect((await generationRow(id))?.status).toBe("succeeded");
    },
  );

  it("with every webhook dropped, the reconciler reaches the true final state (outputs persisted)", async () => {
    const { id, done } = await run("nobody calls back [drop-webhooks]", { num_outputs: 2 }, 20_000);
    expect(done.status).toBe("succeeded");
    await vi.waitFor(() => expect(storedFiles(id).sort()).toEqual(outputFiles(0, 1)), COPIES_MADE);
    const deliveries = (await (await fetch(`${app.emulator.url}/_emulator/webhooks`)).json()) as {
      deliveries: { url: string }[];
    };
    expect(deliveries.deliveries.filter((d) => d.url.includes(id))).toEqual([]);
  });

  it("never fetches an output from a host that is not allow-listed", async () => {
    let hits = 0;
    const spy = http.createServer((_req, res) => {
      hits += 1;
      res.end("x");
    });
    await new Promise<void>((r) => spy.listen(0, "127.0.0.1", r));
    const port = (spy.address() as AddressInfo).port;
    try {
      const { browser, id } = await (async () => {
        const b = app.client();
        const { body } = await b.create("sdxl-lightning", { prompt: "redirected [drop-webhooks]" });
        return { browser: b, id: body.id };
      })();
      const row = await generationRow(id);
      for (const url of [`http://127.0.0.1:${port}/out-0.png`, "http://127.0.0.1:5432/", "https://evil.example/x.png"]) {
        const body = JSON.stringify({ id: row?.predictionId, status: "succeeded", output: [url], metrics: { predict_time: 1 } });
        const res = await postWebhook(app.url, id, body, signedHeaders(app.emulator.webhookSecret, body));
        expect(res.status).toBe(200);
      }
      const view = (await browser.get(id)).body;
      expect(view.status).toBe("failed");
      expect(view.error).toMatch(/host we do not download from/);
      expect(hits).toBe(0);
    } finally {
      spy.close();
    }
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
      const failures = log.deliveries.filter((d) => d.url.includes(body.id) && d.event === "completed" && d.status === 503);
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
