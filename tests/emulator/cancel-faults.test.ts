import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/server";
import { addFault, api, LIGHTNING, SMALL, startTestEmulator } from "./helpers";

// `[cancel-503:N]`: the first N cancel calls of a prediction answer 503 and leave it running.

const UNAVAILABLE = {
  title: "Service Unavailable",
  detail: "The service is temporarily unavailable. Please try again later.",
  status: 503,
};

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterEach(() => api(emulator, "/_emulator/faults", { method: "DELETE" }));
afterAll(() => emulator.close());

async function createHeld(prompt: string): Promise<string> {
  const { status, body } = await api(emulator, "/v1/predictions", {
    method: "POST",
    body: JSON.stringify({ version: LIGHTNING, input: { prompt: `${prompt} [cold-start:3600]`, ...SMALL } }),
  });
  expect(status).toBe(201);
  return body.id as string;
}

const cancel = (id: string) => api(emulator, `/v1/predictions/${id}/cancel`, { method: "POST" });

describe("cancel faults", () => {
  it("[cancel-503:2] refuses the first two cancels with a 503 problem, then cancels", async () => {
    const id = await createHeld("stubborn [cancel-503:2]");
    await api(emulator, "/_emulator/requests", { method: "DELETE" });
    for (let i = 0; i < 2; i++) {
      const refused = await cancel(id);
      expect(refused.status).toBe(503);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      expect(refused.body).toEqual(UNAVAILABLE);
      expect((await api(emulator, `/v1/predictions/${id}`)).body.status).toBe("starting"); // still running
    }
    const third = await cancel(id);
    expect(third).toMatchObject({ status: 200, body: { id, status: "canceled" } });
    const { body } = await api(emulator, "/_emulator/requests");
    const calls = body.requests.filter((r: { method: string }) => r.method === "POST");
    expect(calls.map((r: { predictionId?: string }) => r.predictionId)).toEqual([id, id, id]);
  });

  it("[cancel-503] (no value) refuses one cancel; other predictions are unaffected", async () => {
    const faulty = await createHeld("once [cancel-503]");
    const plain = await createHeld("plain");
    expect((await cancel(plain)).status).toBe(200);
    expect((await cancel(faulty)).status).toBe(503);
    expect((await cancel(faulty)).status).toBe(200);
  });

  it("works as a rule too (`times`)", async () => {
    const rule = await addFault(emulator, { match: "ruled", fault: "cancel-503", times: 3 });
    expect(rule.body.options).toEqual({ times: 3 });
    const id = await createHeld("ruled");
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await cancel(id)).status);
    expect(statuses).toEqual([503, 503, 503, 200]);
  });
});
