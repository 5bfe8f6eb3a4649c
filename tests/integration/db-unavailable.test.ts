import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RouteServer, startRouteServer } from "../helpers/route-server";
import { TestClient } from "../helpers/test-client";

// A database that refuses connections: routes answer 503 instead of hanging or 500.
let server: RouteServer;
beforeAll(async () => {
  Object.assign(process.env, {
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "app-test-")),
    DATABASE_URL: "postgres://root@127.0.0.1:1/unreachable",
    DATABASE_DRIVER: "pg",
    SESSION_SECRET: "test-session-secret-0123456789abcdef",
    ADMIN_PASSWORD: "test-admin-password",
    REPLICATE_BASE_URL: "http://127.0.0.1:1/v1",
  });
  server = await startRouteServer();
});
afterAll(async () => {
  await server?.close();
});

describe("database unreachable", () => {
  it.each([
    ["create", (c: TestClient) => c.create("sdxl-lightning", { prompt: "x" }).then((r) => r.res)],
    ["list", (c: TestClient) => c.request("/api/generations")],
    ["status", (c: TestClient) => c.request("/api/generations/gen_AAAAAAAAAAAAAAAAAAAAAA")],
  ])("%s answers 503 with Retry-After", async (_name, call) => {
    const res = await call(new TestClient(server.url));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
  });
});
