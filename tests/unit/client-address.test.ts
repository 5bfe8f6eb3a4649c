import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

// Where the client's address comes from (one trusted source per deployment) and how it is
// normalised. env() is read once per module instance, hence fresh modules per configuration.

const dataDir = mkdtempSync(path.join(tmpdir(), "client-address-"));
/** A complete Vercel configuration: on Vercel the app refuses to start without CRON_SECRET. */
const ON_VERCEL = { VERCEL: "1", CRON_SECRET: "cron-secret-for-tests-0123" };
const MARK = Symbol.for("replicate-image-studio.socket-address-header");

async function load(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const key of ["TRUSTED_PROXY_HEADER", "VERCEL", "CRON_SECRET"]) delete process.env[key];
  Object.assign(process.env, { DATA_DIR: dataDir, NODE_ENV: "test" }, env);
  return import("@/lib/auth/client-address");
}

const forged = {
  "x-forwarded-for": "198.51.100.1, 10.0.0.1",
  "x-real-ip": "198.51.100.2",
  "x-vercel-forwarded-for": "198.51.100.3",
  "x-studio-socket-address": "198.51.100.4",
};
const request = (headers: Record<string, string>) => new Request("http://localhost/api/admin/session", { headers });
const g = globalThis as Record<symbol, unknown>;

afterEach(() => {
  delete g[MARK];
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("client address source", () => {
  it("without a trusted source, ignores every forwarding header: all clients are one 'unknown' address", async () => {
    const { clientAddress } = await load({});
    const a = clientAddress(request(forged));
    const b = clientAddress(request({ "x-forwarded-for": "203.0.113.9" }));
    expect(a).toMatchObject({ address: "unknown", source: "unknown" });
    expect(b.key).toBe(a.key);
  });

  it("trusts the socket header only in a process scripts/server.mjs marked", async () => {
    const { clientAddress, SOCKET_HEADER } = await load({});
    g[MARK] = true;
    expect(clientAddress(request({ ...forged, [SOCKET_HEADER]: "::ffff:127.0.0.1" }))).toMatchObject({
      address: "127.0.0.1",
      source: "socket",
    });
  });

  it("uses the operator's TRUSTED_PROXY_HEADER (its last entry, the nearest proxy's), over everything else", async () => {
    const { clientAddress } = await load({ TRUSTED_PROXY_HEADER: "X-Real-IP", ...ON_VERCEL });
    g[MARK] = true;
    expect(clientAddress(request(forged))).toMatchObject({ address: "198.51.100.2", source: "proxy-header" });
    expect(clientAddress(request({ "x-real-ip": "6.6.6.6, 203.0.113.5" })).address).toBe("203.0.113.5");
    expect(clientAddress(request({})).address).toBe("unknown");
  });

  it("on Vercel, reads x-vercel-forwarded-for (set by Vercel's edge)", async () => {
    const { clientAddress } = await load(ON_VERCEL);
    expect(clientAddress(request(forged))).toMatchObject({ address: "198.51.100.3", source: "vercel" });
    expect(clientAddress(request({ "x-real-ip": "203.0.113.6" })).address).toBe("203.0.113.6");
  });
});

describe("address normalisation", () => {
  it("strips ports and IPv4 mapping, groups IPv6 by /64, refuses anything else", async () => {
    const { normaliseAddress, addressKey } = await load({});
    const cases: [string, string | null][] = [
      ["203.0.113.7", "203.0.113.7"],
      [" 203.0.113.7:5123 ", "203.0.113.7"],
      ["::ffff:203.0.113.7", "203.0.113.7"],
      ["::ffff:cb00:7107", "203.0.113.7"],
      ["[2001:db8:1:2:aa::1]:443", "2001:db8:1:2::/64"],
      ["2001:0DB8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
      ["2001:db8::1", "2001:db8:0:0::/64"],
      ["fe80::1%eth0", "fe80:0:0:0::/64"],
      ["::1", "0:0:0:0::/64"],
      ["not an address", null],
      ["999.1.1.1", null],
      ["", null],
      ["x".repeat(8000), null],
    ];
    for (const [raw, expected] of cases) expect(normaliseAddress(raw), raw).toBe(expected);
    expect(addressKey("x".repeat(8000))).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
