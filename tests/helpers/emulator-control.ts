import type { ReconcileReport } from "../../src/lib/generations/reconcile";
import type { TestApp } from "./test-app";

// The emulator's control endpoints as the integration tests use them: its view of predictions,
// its logs, fault rules, forgetting, and waiting on its activity instead of sleeping.

export type EmulatorPrediction = { id: string; status: string; input: Record<string, unknown>; [key: string]: unknown };
export type FileDownload = {
  predictionId: string;
  file: string;
  output: number;
  method: string;
  outcome: string;
  concurrent: number;
};

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | false | undefined | null> | T | false | undefined | null,
  timeoutMs = 15_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The emulator's own view of a prediction (404 → null: forgotten). */
export async function emulatorPrediction(app: TestApp, id: string): Promise<EmulatorPrediction | null> {
  const res = await fetch(`${app.emulator.url}/v1/predictions/${id}`, { headers: { authorization: "Bearer t" } });
  return res.status === 404 ? null : ((await res.json()) as EmulatorPrediction);
}

/** Every prediction the emulator knows whose prompt contains `part`. */
export async function emulatorPredictionsMatching(app: TestApp, part: string): Promise<EmulatorPrediction[]> {
  const found: EmulatorPrediction[] = [];
  let next: string | null = `${app.emulator.url}/v1/predictions`;
  while (next) {
    const page = (await (await fetch(next, { headers: { authorization: "Bearer t" } })).json()) as {
      next: string | null;
      results: EmulatorPrediction[];
    };
    found.push(...page.results.filter((p) => String(p.input?.prompt ?? "").includes(part)));
    next = page.next;
  }
  return found;
}

/** Waits until nothing more will happen for the prediction (or at all): no timer, webhook, download. */
export async function untilEmulatorIdle(app: TestApp, predictionId?: string): Promise<void> {
  const query = predictionId ? `?prediction=${predictionId}` : "";
  await eventually(
    async () => ((await (await fetch(`${app.emulator.url}/_emulator/activity${query}`)).json()) as { idle: boolean }).idle,
    20_000,
    "emulator idle",
  );
}

export async function addFault(app: TestApp, rule: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${app.emulator.url}/_emulator/faults`, { method: "POST", body: JSON.stringify(rule) });
  if (res.status !== 201) throw new Error(`fault rule refused: ${await res.text()}`);
}

/** Forgets one prediction, as an emulator restart (in production: a token change) would. */
export async function forgetPrediction(app: TestApp, id: string): Promise<void> {
  const res = await fetch(`${app.emulator.url}/_emulator/predictions/${id}`, { method: "DELETE" });
  if (res.status !== 200) throw new Error(`could not forget ${id}: ${res.status}`);
}

export async function fileDownloads(app: TestApp, predictionId: string): Promise<FileDownload[]> {
  const { downloads } = (await (await fetch(`${app.emulator.url}/_emulator/files`)).json()) as { downloads: FileDownload[] };
  return downloads.filter((d) => d.predictionId === predictionId);
}

export async function cancelCallsFor(app: TestApp, predictionId: string) {
  return (await app.emulatorRequests()).filter((r) => r.method === "POST" && r.path === `/v1/predictions/${predictionId}/cancel`);
}

/** Runs the reconciler once through its cron route. */
export async function runReconciler(app: TestApp, secret: string) {
  const res = await fetch(`${app.url}/api/cron/reconcile`, { headers: { authorization: `Bearer ${secret}` } });
  if (res.status !== 200) throw new Error(`cron answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as ReconcileReport;
}
