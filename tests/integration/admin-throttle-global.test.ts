import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGN_IN_ATTEMPTS_ALL_CLIENTS } from "../../src/lib/auth/sign-in-throttle";
import { startTestApp, type TestApp } from "../helpers/test-app";

// A forged X-Forwarded-For per request gets a fresh per-address allowance, but not unlimited
// guesses: the global allowance stops it.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe("admin sign-in throttle across forged addresses", () => {
  it(`stops guessing after ${SIGN_IN_ATTEMPTS_ALL_CLIENTS} attempts in all, whatever X-Forwarded-For says`, async () => {
    const guesser = app.client();
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_ATTEMPTS_ALL_CLIENTS + 3; i++) {
      const res = await guesser.request("/api/admin/session", {
        json: { password: `guess-${i}` },
        headers: { "x-forwarded-for": `198.51.100.${i % 250}, 10.0.0.1` },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, SIGN_IN_ATTEMPTS_ALL_CLIENTS).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(SIGN_IN_ATTEMPTS_ALL_CLIENTS)).toEqual([429, 429, 429]);
  });
});
