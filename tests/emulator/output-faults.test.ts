import type Replicate from "replicate";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parsePromptMarkers } from "../../src/emulator/faults";
import type { Emulator } from "../../src/emulator/server";
import { activity, addFault, api, clientFor, eventually, LIGHTNING, SMALL, startTestEmulator, waitForTerminal } from "./helpers";

// File faults aimed at one output: `[file-404:1]`, `[file-reset:1]`, `[slow-file:S@1]`, and rules
// with `output` and `times`. The file log (GET /_emulator/files) records what each fetch got.

type Download = {
  predictionId: string;
  file: string;
  output: number;
  status: number | null;
  outcome: string;
  concurrent: number;
};

let emulator: Emulator;
let client: Replicate;

beforeAll(async () => {
  emulator = await startTestEmulator();
  client = clientFor(emulator);
});
afterEach(() => api(emulator, "/_emulator/faults", { method: "DELETE" }));
afterAll(() => emulator.close());

async function twoOutputs(prompt: string) {
  const created = await client.predictions.create({ version: LIGHTNING, input: { prompt, num_outputs: 2, ...SMALL } });
  const done = await waitForTerminal(client, created.id);
  expect(done.status).toBe("succeeded");
  return { id: created.id, urls: done.output ?? [] };
}

/** The file log of one prediction, once no download of it is still being answered. */
async function downloadsOf(id: string): Promise<Download[]> {
  return eventually(async () => {
    const list = ((await api(emulator, "/_emulator/files")).body.downloads as Download[]).filter((d) => d.predictionId === id);
    return list.every((d) => d.outcome !== "pending") && list;
  });
}

/** GETs a file and reads its whole body; the status. */
async function statusOf(url = ""): Promise<number> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return response.status;
}

describe("marker syntax", () => {
  it("`:value` sets the main option, `@N` the output of a file fault", () => {
    expect(parsePromptMarkers("[file-404] [file-404:1] [file-reset@0] [slow-file:4@1] [slow-file:2]")).toEqual([
      { fault: "file-404", options: {} },
      { fault: "file-404", options: { output: 1 } },
      { fault: "file-reset", options: { output: 0, after: 0.5 } },
      { fault: "slow-file", options: { seconds: 4, output: 1 } },
      { fault: "slow-file", options: { seconds: 2 } },
    ]);
    // `@` is part of the value where the fault has no outputs.
    expect(parsePromptMarkers("[fail:boom@2] [file-404:x]")).toEqual([{ fault: "fail", options: { error: "boom@2" } }]);
  });
});

describe("per-output file faults", () => {
  it("[file-404:1] answers 404 for output 1 only", async () => {
    const { id, urls } = await twoOutputs("half gone [file-404:1]");
    expect(await statusOf(urls[0])).toBe(200);
    expect(await statusOf(urls[1])).toBe(404);
    expect(await statusOf(urls[1])).toBe(404); // every time
    expect((await downloadsOf(id)).map((d) => [d.output, d.status, d.outcome])).toEqual([
      [0, 200, "served"],
      [1, 404, "not-found"],
      [1, 404, "not-found"],
    ]);
  });

  it("[file-404] (no index) still hits every output", async () => {
    const { urls } = await twoOutputs("all gone [file-404]");
    expect(await statusOf(urls[0])).toBe(404);
    expect(await statusOf(urls[1])).toBe(404);
  });

  it("[file-reset:1] sends output 1's headers and part of its body, then resets the connection", async () => {
    const { id, urls } = await twoOutputs("cut off [file-reset:1]");
    const whole = await fetch(urls[0] ?? "");
    expect((await whole.arrayBuffer()).byteLength).toBe(Number(whole.headers.get("content-length")));
    const cut = await fetch(urls[1] ?? "");
    expect(cut.status).toBe(200);
    expect(Number(cut.headers.get("content-length"))).toBeGreaterThan(0);
    await expect(cut.arrayBuffer()).rejects.toThrow();
    expect((await downloadsOf(id)).map((d) => [d.output, d.status, d.outcome])).toEqual([
      [0, 200, "served"],
      [1, 200, "reset"],
    ]);
  });

  it("a rule with `times` makes the fault transient: the first N fetches fail, then the file is served", async () => {
    await addFault(emulator, { match: "flaky cdn", fault: "file-404", output: 0, times: 1 });
    await addFault(emulator, { match: "flaky cdn", fault: "file-reset", output: 1, times: 2, after: 0.1 });
    const { id, urls } = await twoOutputs("flaky cdn");
    expect(await statusOf(urls[0])).toBe(404);
    expect(await statusOf(urls[0])).toBe(200);
    for (let i = 0; i < 2; i++) await expect(fetch(urls[1] ?? "").then((r) => r.arrayBuffer())).rejects.toThrow();
    const served = await fetch(urls[1] ?? "");
    expect((await served.arrayBuffer()).byteLength).toBe(Number(served.headers.get("content-length")));
    const outcomes = (await downloadsOf(id)).map((d) => `${d.output}:${d.outcome}`);
    expect(outcomes).toEqual(["0:not-found", "0:served", "1:reset", "1:reset", "1:served"]);
  });

  it("[slow-file:S@1] trickles output 1 only; concurrent fetches of one file are counted", async () => {
    const { id, urls } = await twoOutputs("one slow [slow-file:600@1]"); // 30 s real: far longer than the test
    const abort = new AbortController();
    const slow = await fetch(urls[1] ?? "", { signal: abort.signal }); // headers at once, body trickling
    const again = await fetch(urls[1] ?? "", { signal: abort.signal });
    const fast = await fetch(urls[0] ?? "");
    expect((await fast.arrayBuffer()).byteLength).toBe(Number(fast.headers.get("content-length")));
    // Output 0 was served whole while both downloads of output 1 are still trickling.
    await eventually(async () => (await activity(emulator, id)).downloadsInFlight === 2);
    const log = ((await api(emulator, "/_emulator/files")).body.downloads as Download[]).filter((d) => d.predictionId === id);
    expect(log.map((d) => [d.output, d.outcome, d.concurrent])).toEqual([
      [1, "pending", 0],
      [1, "pending", 1],
      [0, "served", 0],
    ]);
    abort.abort();
    await Promise.allSettled([slow.arrayBuffer(), again.arrayBuffer()]);
    expect((await downloadsOf(id)).map((d) => d.outcome)).toEqual(["aborted", "aborted", "served"]);
  });

  it("rules accept `output` on every file fault and refuse a bad one", async () => {
    const ok = await addFault(emulator, { match: "x", fault: "slow-file", seconds: 2, output: 3 });
    expect(ok.status).toBe(201);
    expect(ok.body.options).toEqual({ seconds: 2, output: 3 });
    const bad = await addFault(emulator, { match: "x", fault: "file-404", output: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/^output:/);
  });
});
