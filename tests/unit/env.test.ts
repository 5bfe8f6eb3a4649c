import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The environment check that stops a half-configured start, and where webhooks are sent.
const saved = { ...process.env };
const APP_KEYS = [
  "DATABASE_URL",
  "REPLICATE_API_TOKEN",
  "APP_URL",
  "VERCEL",
  "VERCEL_ENV",
  "VERCEL_URL",
  "VERCEL_BRANCH_URL",
  "VERCEL_PROJECT_PRODUCTION_URL",
  "CRON_SECRET",
  "BLOB_READ_WRITE_TOKEN",
  "SESSION_SECRET",
  "ADMIN_PASSWORD",
  "QUEUED_TIMEOUT_SECONDS",
  "REPLICATE_CREATE_TIMEOUT_SECONDS",
  "RECONCILE_AFTER_SECONDS",
  "RECONCILE_INTERVAL_SECONDS",
  "EMULATOR_PORT",
  "DATA_DIR",
  "DAILY_BUDGET_USD",
];

async function loadEnv(vars: Record<string, string>) {
  for (const key of APP_KEYS) delete process.env[key];
  Object.assign(process.env, vars);
  vi.resetModules();
  return import("../../src/lib/env");
}

beforeEach(() => vi.resetModules());
afterEach(() => {
  for (const key of APP_KEYS) delete process.env[key];
  Object.assign(process.env, saved);
});

const vercelProduction = {
  VERCEL: "1",
  VERCEL_ENV: "production",
  VERCEL_URL: "studio-abc123.vercel.app",
  VERCEL_PROJECT_PRODUCTION_URL: "studio.example.com",
  REPLICATE_API_TOKEN: "r8_x",
  DATABASE_URL: "postgres://u:p@db.neon.tech/x",
  SESSION_SECRET: "s".repeat(32),
  ADMIN_PASSWORD: "admin-password",
  BLOB_READ_WRITE_TOKEN: "vercel_blob_rw_x_y",
  CRON_SECRET: "c".repeat(16),
};

describe("environment check", () => {
  it("passes with nothing set (the embedded mode) and with a complete Vercel configuration", async () => {
    expect((await loadEnv({})).environmentProblem()).toBeNull();
    expect((await loadEnv(vercelProduction)).environmentProblem()).toBeNull();
  });

  it("starts with .env.example copied as it is: every line, the empty ones read as unset", async () => {
    const example = readFileSync(path.resolve(import.meta.dirname, "../../.env.example"), "utf8");
    const vars = Object.fromEntries(
      example
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(Object.keys(vars).length).toBeGreaterThan(20);
    try {
      expect((await loadEnv(vars)).environmentProblem()).toBeNull();
    } finally {
      for (const key of Object.keys(vars)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it("reads an empty value (.env.example copied as is) as unset: the defaults the emulator and launcher use too", async () => {
    const loaded = await loadEnv({ EMULATOR_PORT: "", DATA_DIR: "", DAILY_BUDGET_USD: "", QUEUED_TIMEOUT_SECONDS: "" });
    expect(loaded.environmentProblem()).toBeNull();
    expect(loaded.env()).toMatchObject({
      EMULATOR_PORT: 4010,
      DATA_DIR: ".data",
      DAILY_BUDGET_USD: 5,
      QUEUED_TIMEOUT_SECONDS: 60,
    });
    expect(loaded.replicateBaseUrl()).toBe("http://127.0.0.1:4010/v1");
  });

  it("names what a half-configured mode lacks", async () => {
    expect((await loadEnv({ REPLICATE_API_TOKEN: "r8_x" })).environmentProblem()).toMatch(
      /APP_URL is required when REPLICATE_API_TOKEN/,
    );
    expect((await loadEnv({ DATABASE_URL: "postgres://localhost/x" })).environmentProblem()).toMatch(
      /SESSION_SECRET is required[\s\S]*ADMIN_PASSWORD is required/,
    );
  });

  it("on Vercel, a missing CRON_SECRET is an error: nothing else would run the reconciler", async () => {
    const { CRON_SECRET: _, ...withoutCron } = vercelProduction;
    expect((await loadEnv(withoutCron)).environmentProblem()).toMatch(/CRON_SECRET is required on Vercel/);
  });

  it("the create must give up before a queued row is failed", async () => {
    const env = await loadEnv({ QUEUED_TIMEOUT_SECONDS: "10", REPLICATE_CREATE_TIMEOUT_SECONDS: "20" });
    expect(env.environmentProblem()).toMatch(
      /QUEUED_TIMEOUT_SECONDS \(10\) must be longer than REPLICATE_CREATE_TIMEOUT_SECONDS \(20\)/,
    );
  });

  it("defaults let a lost webhook of a fast model reach the user within 30 s: floor 20 s + one 10 s interval", async () => {
    const { env } = await loadEnv({});
    expect(env().RECONCILE_AFTER_SECONDS + env().RECONCILE_INTERVAL_SECONDS).toBeLessThanOrEqual(30);
    expect(env().REPLICATE_CREATE_TIMEOUT_SECONDS).toBe(20);
  });
});

describe("webhook origin", () => {
  it("a preview deployment sends webhooks to its own URL, never production's", async () => {
    const env = await loadEnv({ ...vercelProduction, VERCEL_ENV: "preview", APP_URL: "https://studio.example.com" });
    expect(env.configuredWebhookOrigin()).toBe("https://studio-abc123.vercel.app");
  });

  it("production uses APP_URL, else the Vercel production URL; locally none (the request's own)", async () => {
    expect((await loadEnv({ ...vercelProduction, APP_URL: "https://images.example.com/x" })).configuredWebhookOrigin()).toBe(
      "https://images.example.com",
    );
    expect((await loadEnv(vercelProduction)).configuredWebhookOrigin()).toBe("https://studio.example.com");
    expect((await loadEnv({})).configuredWebhookOrigin()).toBeUndefined();
  });
});
