import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/server";
import { startNeonProxy } from "./neon-proxy";
import { copyPgliteTemplate } from "./pglite-template";
import { type ReplicateProxy, startReplicateProxy } from "./replicate-proxy";
import { startRouteServer } from "./route-server";
import { TestClient } from "./test-client";
import { createTestDatabase } from "./test-database";

// One app under test per test file (vitest runs each file in its own process): the emulator as
// the Replicate peer, the real route handlers over HTTP, and a database of the chosen kind.

export type DbKind = "pglite" | "pg" | "neon";

export type TestApp = {
  url: string;
  emulator: Emulator;
  /** With `proxy: true`: the app reaches the emulator through it (tests/helpers/replicate-proxy.ts). */
  proxy?: ReplicateProxy;
  dataDir: string;
  db: DbKind;
  /** A browser: its own cookie jar, so its own owner. */
  client: () => TestClient;
  emulatorRequests: () => Promise<{ method: string; path: string; at: string }[]>;
  close: () => Promise<void>;
};

export const testDatabaseUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;

export async function startTestApp(
  options: { db?: DbKind; env?: Record<string, string>; timeScale?: number; proxy?: boolean } = {},
): Promise<TestApp> {
  const db = options.db ?? "pglite";
  const cleanups: (() => Promise<void> | void)[] = [];
  const emulator = await startEmulator({ port: 0, timeScale: options.timeScale ?? 0.05 });
  cleanups.push(() => emulator.close());
  // Through a proxy, output files (served by the emulator's own host) are not on the allow-list:
  // such apps are for generations that never get as far as copying outputs.
  const proxy = options.proxy ? await startReplicateProxy(emulator.url) : undefined;
  if (proxy) cleanups.push(proxy.close);
  const dataDir = mkdtempSync(path.join(tmpdir(), "app-test-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));

  const env: Record<string, string> = {
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    REPLICATE_BASE_URL: `${proxy?.url ?? emulator.url}/v1`,
    ...options.env,
  };
  for (const key of [
    "DATABASE_URL",
    "DATABASE_DRIVER",
    "REPLICATE_API_TOKEN",
    "APP_URL",
    "BLOB_READ_WRITE_TOKEN",
    "REPLICATE_WEBHOOK_SECRET",
  ]) {
    if (!(key in env)) delete process.env[key];
  }
  if (db === "pglite") {
    // A copy of the run's migrated template (tests/helpers/pglite-template.ts): the app finds
    // an existing database under DATA_DIR instead of creating one.
    copyPgliteTemplate(inject("pgliteTemplate"), path.join(dataDir, "pglite"));
  } else {
    const server = testDatabaseUrl();
    if (!server) throw new Error("TEST_DATABASE_URL is not set");
    const database = await createTestDatabase(server);
    cleanups.push(database.drop);
    Object.assign(env, {
      DATABASE_URL: database.url,
      DATABASE_DRIVER: db,
      SESSION_SECRET: "test-session-secret-0123456789abcdef",
      ADMIN_PASSWORD: env.ADMIN_PASSWORD ?? "test-admin-password",
    });
    if (db === "neon") {
      const neonProxy = await startNeonProxy();
      cleanups.push(neonProxy.close);
      const { neonConfig } = await import("@neondatabase/serverless");
      neonConfig.webSocketConstructor = (await import("ws")).default;
      neonConfig.wsProxy = (host, port) => `127.0.0.1:${neonProxy.port}/v1?address=${host}:${port}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineTLS = false;
      neonConfig.pipelineConnect = false;
    }
  }
  Object.assign(process.env, env);

  // Imported only now: env() is read once, on first use.
  const { getDbHandle, closeDb } = await import("../../src/lib/db/index");
  const { migrateDatabase } = await import("../../src/lib/db/migrate");
  await migrateDatabase(await getDbHandle());
  cleanups.push(closeDb);
  // Work queued after responses (sized copies) ends before the database closes.
  const { afterResponseSettled } = await import("../../src/lib/runtime/after-response");
  cleanups.push(afterResponseSettled);

  const server = await startRouteServer();
  cleanups.push(server.close);

  return {
    url: server.url,
    emulator,
    proxy,
    dataDir,
    db,
    client: () => new TestClient(server.url),
    emulatorRequests: async () => {
      const res = await fetch(`${emulator.url}/_emulator/requests`);
      return ((await res.json()) as { requests: { method: string; path: string; at: string }[] }).requests;
    },
    close: async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}
