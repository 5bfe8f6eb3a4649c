import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Replicate from "replicate";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../src/emulator/server";

export const LIGHTNING = "5599ed30703defd1d160a25a63321b4dec97101d98b4674bcc56e41f62f35637";
export const SDXL = "39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b";
/** Small images keep tests fast; the size logic has its own tests. */
export const SMALL = { width: 256, height: 256 };

export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, timeScale: 0.05, ...options });
}

export function clientFor(emulator: Emulator): Replicate {
  return new Replicate({ auth: "test-token", baseUrl: `${emulator.url}/v1` });
}

export type Prediction = {
  id: string;
  status: string;
  output: string[] | null;
  error: string | null;
  logs: string;
  metrics: { predict_time?: number; total_time?: number };
  input?: Record<string, unknown>;
  created_at: string;
  started_at?: string;
  completed_at?: string;
  [key: string]: unknown;
};

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | false | undefined> | T | false | undefined,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function waitForTerminal(client: Replicate, id: string): Promise<Prediction> {
  return eventually(async () => {
    const prediction = (await client.predictions.get(id)) as unknown as Prediction;
    return ["succeeded", "failed", "canceled", "aborted"].includes(prediction.status) ? prediction : undefined;
  });
}

export async function api(emulator: Emulator, path: string, init: RequestInit = {}) {
  const response = await fetch(`${emulator.url}${path}`, {
    ...init,
    headers: { Authorization: "Bearer test", "Content-Type": "application/json", ...init.headers },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : null,
  };
}

export type ReceivedWebhook = {
  headers: IncomingHttpHeaders;
  body: string;
  payload: Prediction;
  at: number;
};

/** A local webhook endpoint. `respond` picks the status for each request (default 200). */
export async function startReceiver(respond: (hook: ReceivedWebhook) => number = () => 200) {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const hook = { headers: req.headers, body, payload: JSON.parse(body), at: Date.now() };
      received.push(hook);
      const status = respond(hook);
      res.writeHead(status, status >= 300 && status < 400 ? { Location: "/elsewhere" } : {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    forPrediction: (id: string) => received.filter((hook) => hook.payload.id === id),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Activity = {
  idle: boolean;
  predictions: number;
  running: number;
  files: number;
  timers: number;
  webhooksInFlight: number;
  heldCreates: number;
  waitingRequests: number;
  downloadsInFlight: number;
};

/** What the emulator still has going on, for everything or one prediction. */
export async function activity(emulator: Emulator, predictionId?: string): Promise<Activity> {
  const query = predictionId ? `?prediction=${predictionId}` : "";
  return (await api(emulator, `/_emulator/activity${query}`)).body as Activity;
}

/**
 * Waits until nothing more can happen for the prediction: no step, webhook, retry or held answer
 * pending. Tests prove "nothing else happens" with this, never with a sleep.
 */
export async function untilIdle(emulator: Emulator, predictionId?: string, timeoutMs = 10_000): Promise<Activity> {
  return eventually(async () => {
    const now = await activity(emulator, predictionId);
    return now.idle && now;
  }, timeoutMs);
}

export type DeliveryLog = {
  predictionId: string;
  event: string;
  webhookId: string;
  url: string;
  status: number | null;
  attempt: number;
  at: string;
  eventAt: string;
};

export async function deliveriesFor(emulator: Emulator, id: string): Promise<DeliveryLog[]> {
  const { body } = await api(emulator, "/_emulator/webhooks");
  return (body.deliveries as DeliveryLog[]).filter((d) => d.predictionId === id);
}

export const addFault = (emulator: Emulator, rule: Record<string, unknown>) =>
  api(emulator, "/_emulator/faults", { method: "POST", body: JSON.stringify(rule) });
