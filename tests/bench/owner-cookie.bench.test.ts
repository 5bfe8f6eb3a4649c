import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sealData, unsealData } from "iron-session";
import { afterAll, beforeAll, it } from "vitest";

// npm run bench: what reading an owner cookie costs, per request, the way iron-session did it
// (unseal: PBKDF2 key derivation on every call) and the way resolveOwner does it now (an HMAC
// with a key derived once). Figures only: no timing is asserted.

const dataDir = mkdtempSync(path.join(tmpdir(), "owner-cookie-bench-"));
const SECRET = "bench-session-secret-0123456789abcdefghijklmnop";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2000);
let owner: typeof import("@/lib/auth/owner");

beforeAll(async () => {
  Object.assign(process.env, { DATA_DIR: dataDir, SESSION_SECRET: SECRET });
  owner = await import("@/lib/auth/owner");
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function perCallMicros(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 50; i++) await fn(); // warm up
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) await fn();
  return ((performance.now() - start) * 1000) / ROUNDS;
}

it("owner cookie verification: iron-session unseal vs signed token", async () => {
  const sealed = await sealData({ ownerId: "own_benchOwnerId0123456789" }, { password: SECRET, ttl: 0 });
  const signed = (await owner.resolveOwner(new Request("http://localhost/"))).setCookie?.split(";")[0]?.split("=")[1] as string;
  const unseal = await perCallMicros(() => unsealData(sealed, { password: SECRET, ttl: 0 }));
  const verify = await perCallMicros(() => owner.readOwnerCookie(signed));
  console.log(
    `[bench] owner cookie, per request: iron-session unseal ${unseal.toFixed(1)} µs, signed token ${verify.toFixed(1)} µs (${(unseal / verify).toFixed(0)}× cheaper), ${ROUNDS} rounds`,
  );
});
