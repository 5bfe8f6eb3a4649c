import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { withinOneUtcDay } from "../helpers/utc-day";

// Daily per-owner quota and the global daily budget (estimated from the catalogue's prices).
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { MAX_DAILY_PER_OWNER: "3", DAILY_BUDGET_USD: "0.004" } });
});
afterAll(async () => {
  await app?.close();
});

describe("daily quota", () => {
  it("counts only work that ran: failed and canceled-before-start generations are free", async () => {
    await withinOneUtcDay(async () => {
      const owner = app.client();
      const failed = await owner.create("sdxl-lightning", { prompt: "free failure [fail]" });
      expect((await owner.waitFor(failed.body.id)).status).toBe("failed");
      const refused = await owner.create("sdxl-lightning", { prompt: "refused by replicate [create-500]" });
      expect(refused.res.status).toBe(502);
      const held = await owner.create("sdxl-lightning", { prompt: "changed my mind [cold-start:3600]" });
      await owner.waitFor(held.body.id, ["starting"]);
      const canceled = await owner.request(`/api/generations/${held.body.id}/cancel`, { method: "POST" });
      expect(((await canceled.json()) as { status: string }).status).toBe("canceled");
      for (let i = 0; i < 3; i++) {
        const { res, body } = await owner.create("sdxl-lightning", { prompt: `counted ${i}`, width: 256, height: 256 });
        expect(res.status).toBe(201);
        expect((await owner.waitFor(body.id)).status).toBe("succeeded");
      }
      const over = await owner.create("sdxl-lightning", { prompt: "one too many" });
      expect(over.res.status).toBe(429);
      expect(over.body.error?.message).toMatch(/today's limit of 3/);
      const retryAfter = Number(over.res.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(86_400);
      // Another owner is unaffected.
      const someoneElse = app.client();
      const other = await someoneElse.create("sdxl-lightning", { prompt: "someone else", width: 256, height: 256 });
      expect(other.res.status).toBe(201);
      await someoneElse.waitFor(other.body.id);
    });
  });
});

describe("global daily budget", () => {
  it("stops new generations for everyone once today's estimated spend reaches DAILY_BUDGET_USD", async () => {
    await withinOneUtcDay(async () => {
      const spender = app.client();
      // FLUX schnell is priced per image ($0.003): two images pass the $0.004 budget.
      const { body } = await spender.create("flux-schnell", { prompt: "two pricey images", num_outputs: 2, megapixels: "0.25" });
      expect((await spender.waitFor(body.id)).status).toBe("succeeded");
      const requestsBefore = (await app.emulatorRequests()).length;
      const stopped = await app.client().create("sdxl-lightning", { prompt: "after the budget" });
      expect(stopped.res.status).toBe(429);
      expect(stopped.body.error?.message).toMatch(/today's budget/);
      // Refused before Replicate is called.
      expect((await app.emulatorRequests()).length).toBe(requestsBefore);
    });
  });
});
