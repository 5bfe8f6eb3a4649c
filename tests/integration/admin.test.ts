import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminCancelResult, AdminGenerationDetail, AdminGenerationPage, AdminSummary } from "../../src/shared/admin-views";
import { dbRows, generationRow } from "../helpers/db-inspect";
import { startHeldGeneration } from "../helpers/generation-fixtures";
import { startTestApp, type TestApp } from "../helpers/test-app";
import type { TestClient } from "../helpers/test-client";
import { withinOneUtcDay } from "../helpers/utc-day";

// The admin API in the embedded mode: the password generated under DATA_DIR, sessions, the
// sign-in throttle, the list across owners, cancels, the summary, and cross-site protection.
describe("admin console API", () => {
  let app: TestApp;
  let password: string;
  let admin: TestClient;
  const evil = { origin: "https://evil.example" };

  const signIn = (client: TestClient, pass: string, address?: string) =>
    client.request("/api/admin/session", {
      json: { password: pass },
      headers: address ? { "x-real-ip": address } : {},
    });
  const list = async (query = "") => {
    const res = await admin.request(`/api/admin/generations${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as AdminGenerationPage;
  };
  const cancel = async (client: TestClient, body: unknown) => {
    const res = await client.request("/api/admin/generations/cancel", { json: body });
    return {
      status: res.status,
      body: (await res.json()) as { results: AdminCancelResult[]; error?: { fields?: { path: string }[] } },
    };
  };

  beforeAll(async () => {
    // Addresses come from x-real-ip here, as behind a proxy that sets it.
    app = await startTestApp({ env: { TRUSTED_PROXY_HEADER: "x-real-ip" } });
    await app.client().request("/api/generations"); // first request: secrets are generated
    password = (JSON.parse(readFileSync(path.join(app.dataDir, "secrets.json"), "utf8")) as { adminPassword: string })
      .adminPassword;
    admin = app.client();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("answers 401 on every admin route without a session, or with a forged one", async () => {
    const forged = app.client();
    for (const client of [app.client(), forged]) {
      const headers = client === forged ? { cookie: `admin_session=${"A".repeat(43)}` } : undefined;
      for (const [method, url] of [
        ["GET", "/api/admin/generations"],
        ["GET", "/api/admin/generations/gen_x"],
        ["GET", "/api/admin/summary"],
        ["POST", "/api/admin/generations/cancel"],
      ] as const) {
        const res = await client.request(url, { method, headers, ...(method === "POST" ? { json: { allRunning: true } } : {}) });
        expect(res.status, `${method} ${url}`).toBe(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
      }
    }
  });

  it("throttles wrong passwords per client: 401, then 429 with Retry-After; other clients unaffected", async () => {
    const guesser = app.client();
    for (let i = 0; i < 5; i++) expect((await signIn(guesser, `wrong-${i}`, "203.0.113.7")).status).toBe(401);
    const blocked = await signIn(guesser, password, "203.0.113.7");
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(blocked.headers.getSetCookie()).toEqual([]);

    const neighbour = app.client();
    expect((await signIn(neighbour, "wrong", "203.0.113.8")).status).toBe(401);
    expect((await signIn(neighbour, password, "203.0.113.8")).status).toBe(200);
    expect((await signIn(guesser, password, "203.0.113.7")).status).toBe(429);
  });

  it("signs in with the right password: HttpOnly SameSite=Strict cookie with an expiry; sign-out ends it", async () => {
    const res = await signIn(admin, password);
    expect(res.status).toBe(200);
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^admin_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Max-Age=28800/);
    expect((await admin.request("/api/admin/summary")).status).toBe(200);

    const leaving = app.client();
    expect((await signIn(leaving, password)).status).toBe(200);
    const out = await leaving.request("/api/admin/session", { method: "DELETE" });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
    expect((await leaving.request("/api/admin/summary")).status).toBe(401);
  });

  it("lists every owner's generations, newest first, with filters and pages", async () => {
    const alice = app.client();
    const bob = app.client();
    const a1 = (await alice.create("sdxl-lightning", { prompt: "a red fox, 100% orange" })).body;
    const b1 = (await bob.create("flux-schnell", { prompt: "a blue whale_song" })).body;
    await alice.waitFor(a1.id);
    await bob.waitFor(b1.id);
    const aliceOwner = (await generationRow(a1.id)).ownerId;

    const all = await list();
    const ids = all.generations.map((g) => g.id);
    expect(ids.indexOf(b1.id)).toBeLessThan(ids.indexOf(a1.id));
    const row = all.generations.find((g) => g.id === a1.id);
    expect(row).toMatchObject({
      prompt: "a red fox, 100% orange",
      model: "sdxl-lightning",
      owner: aliceOwner,
      status: "succeeded",
    });
    expect(row?.thumbnailUrl).toMatch(/^\/api\/files\//);
    expect(row?.predictSeconds).toBeGreaterThan(0);
    // Replicate's (the emulator's) predict time is its completed_at - started_at, the duration's own
    // span: the two read alike, neither shorter than the other.
    expect(row?.durationSeconds).toBeCloseTo(row?.predictSeconds ?? Number.NaN, 2);

    expect((await list("?model=flux-schnell")).generations.map((g) => g.id)).toEqual([b1.id]);
    expect((await list(`?owner=${aliceOwner.slice(0, 12)}`)).generations.map((g) => g.id)).toEqual([a1.id]);
    expect((await list("?q=100%25")).generations.map((g) => g.id)).toEqual([a1.id]);
    expect((await list("?q=_")).generations.map((g) => g.id)).toEqual([b1.id]); // literal, not a wildcard
    expect((await list("?q=RED+FOX&status=succeeded")).generations.map((g) => g.id)).toEqual([a1.id]);
    expect((await list("?q=fox&status=failed")).generations).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await list(`?from=${today}&to=${today}`)).generations.length).toBe(all.generations.length);
    expect((await list(`?to=${yesterday}`)).generations).toEqual([]);

    // Pages of 1 walk the whole list once, in order.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: AdminGenerationPage = await list(`?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      walked.push(...page.generations.map((g) => g.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(ids);

    for (const [query, field] of [
      ["?status=bogus", "status"],
      ["?limit=0", "limit"],
      ["?from=yesterday", "from"],
      ["?deleted=yes", "deleted"],
      ["?cursor=bm90LWEtY3Vyc29y", "cursor"],
    ]) {
      const res = await admin.request(`/api/admin/generations${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { fields: { path: string }[] } };
      expect(body.error.fields[0]?.path).toBe(field);
    }
  });

  it("shows one generation in full: inputs, logs tail, prediction id, outputs", async () => {
    const owner = app.client();
    const { body } = await owner.create("sdxl", { prompt: "a detailed castle", width: 512, height: 512 });
    await owner.waitFor(body.id);
    const res = await admin.request(`/api/admin/generations/${body.id}`);
    expect(res.status).toBe(200);
    const detail = (await res.json()) as AdminGenerationDetail;
    const row = await generationRow(body.id);
    expect(detail).toMatchObject({ id: body.id, status: "succeeded", predictionId: row.predictionId, owner: row.ownerId });
    expect(detail.input).toMatchObject({ prompt: "a detailed castle", width: 512 });
    expect(detail.logsTail).toEqual(expect.stringContaining("%"));
    expect(detail.outputs).toHaveLength(1);
    expect(detail).not.toHaveProperty("idempotencyKey");
    expect((await admin.request("/api/admin/generations/gen_doesnotexist")).status).toBe(404);
  });

  it("keeps a generation its owner deleted in the list and the filters, marked with when it was deleted", async () => {
    const owner = app.client();
    const { body: kept } = await owner.create("sdxl-lightning", { prompt: "a kept lantern" });
    const { body: gone } = await owner.create("sdxl-lightning", { prompt: "a deleted lantern" });
    await owner.waitFor(kept.id);
    await owner.waitFor(gone.id);
    expect((await owner.request(`/api/generations/${gone.id}`, { method: "DELETE" })).status).toBe(204);
    const { deletedAt } = await generationRow(gone.id);

    const rows = (await list("?q=lantern")).generations;
    expect(rows.map((g) => [g.id, g.status, g.deletedAt])).toEqual([
      [gone.id, "succeeded", deletedAt?.toISOString()],
      [kept.id, "succeeded", null],
    ]);
    expect(rows[0]?.thumbnailUrl).toBeNull(); // its files went with it
    // The filters count it as what it was: a success, by this owner.
    expect((await list(`?q=lantern&status=succeeded&owner=${(await generationRow(gone.id)).ownerId}`)).generations).toHaveLength(
      2,
    );
    expect((await list("?status=succeeded")).generations.map((g) => g.id)).toContain(gone.id);
    // "Deleted by owner": hidden, or alone (with and without a search, which runs its own query).
    const ids = async (query: string) => (await list(query)).generations.map((g) => g.id);
    expect(await ids("?q=lantern&deleted=hide")).toEqual([kept.id]);
    expect(await ids("?q=lantern&deleted=only")).toEqual([gone.id]);
    expect(await ids("?deleted=only")).toEqual([gone.id]);
    expect(await ids("?deleted=hide")).not.toContain(gone.id);
    expect(await ids("?deleted=hide")).toContain(kept.id);
    expect(await ids("?deleted=")).toContain(gone.id); // empty: both
    const detail = (await (await admin.request(`/api/admin/generations/${gone.id}`)).json()) as AdminGenerationDetail;
    expect(detail).toMatchObject({ id: gone.id, deletedAt: deletedAt?.toISOString(), outputs: [] });
  });

  it("cancels anyone's running generation, and many at once with a result per id", async () => {
    const carol = app.client();
    const dave = app.client();
    const c1 = await startHeldGeneration(carol, "carol waits");
    const one = await cancel(admin, { ids: [c1.id] });
    expect(one.status).toBe(200);
    expect(one.body.results).toEqual([{ id: c1.id, ok: true, status: "canceled" }]);
    expect(await carol.waitFor(c1.id, ["canceled"], 5_000)).toMatchObject({ canceledBy: "admin" });

    const c2 = await startHeldGeneration(carol, "carol again");
    const d1 = await startHeldGeneration(dave, "dave waits");
    const many = await cancel(admin, { ids: [c2.id, d1.id, c1.id, "gen_nope"] });
    expect(many.body.results).toEqual([
      { id: c2.id, ok: true, status: "canceled" },
      { id: d1.id, ok: true, status: "canceled" },
      { id: c1.id, ok: false, status: "canceled", error: { code: "conflict", message: expect.any(String) } },
      { id: "gen_nope", ok: false, error: { code: "not_found", message: "Generation not found" } },
    ]);
    expect((await generationRow(d1.id)).canceledBy).toBe("admin");

    const e1 = await startHeldGeneration(carol, "all running one");
    const e2 = await startHeldGeneration(dave, "all running two");
    const all = await cancel(admin, { allRunning: true });
    expect(all.body.results.map((r) => r.id).sort()).toEqual([e1.id, e2.id].sort());
    expect(all.body.results.every((r) => r.ok && r.status === "canceled")).toBe(true);
    expect((await list("?status=active")).generations).toEqual([]);

    for (const bad of [
      { ids: [] },
      { ids: Array.from({ length: 101 }, (_, i) => `gen_${i}`) },
      {},
      { ids: ["x"], allRunning: true },
    ]) {
      const res = await cancel(admin, bad);
      expect(res.status).toBe(400);
      expect(res.body.error?.fields?.[0]?.path).toBe("ids");
    }
  });

  it("reads and cancels anyone's generation through the owner routes too; other browsers still get 404", async () => {
    const erin = app.client();
    const held = await startHeldGeneration(erin, "erin through the owner route");
    expect((await app.client().get(held.id)).status).toBe(404);
    const seen = await admin.get(held.id);
    expect(seen.status).toBe(200);
    expect(seen.body.id).toBe(held.id);
    const res = await admin.request(`/api/generations/${held.id}/cancel`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(await erin.waitFor(held.id, ["canceled"], 5_000)).toMatchObject({ canceledBy: "admin" });
  });

  it("sums today's predict seconds exactly as the generations record them", async () => {
    await withinOneUtcDay(async () => {
      // The summary's day is the UTC day: the test makes its own generations, and runs again,
      // wholly inside the new day, if it fails while midnight passes (a CI run once started at 23:59).
      const owner = app.client();
      for (const [model, prompt] of [
        ["sdxl-lightning", "this one fails [fail]"],
        ["flux-schnell", "a summary's flux"],
      ] as const) {
        const { body } = await owner.create(model, { prompt });
        await owner.waitFor(body.id);
      }
      const res = await admin.request("/api/admin/summary");
      expect(res.status).toBe(200);
      const summary = (await res.json()) as AdminSummary;

      const since = summary.today.since;
      const [db] = await dbRows<{ seconds: number; n: number; active: number; failed: number }>(sql`
        select coalesce(sum(predict_time::float8), 0)::float8 as seconds, count(*)::int as n,
          (select count(*)::int from generations where status in ('queued', 'starting', 'processing')) as active,
          (select count(*)::int from generations where status = 'failed'
            and coalesce(completed_at, updated_at) >= now() - interval '1 hour') as failed
        from generations where created_at >= ${since}::timestamptz`);
      expect(db?.seconds).toBeGreaterThan(0);
      expect(summary.today.predictSeconds).toBeCloseTo(db?.seconds ?? -1, 4);
      expect(summary.today.byModel.reduce((n, m) => n + m.predictSeconds, 0)).toBeCloseTo(db?.seconds ?? -1, 4);
      expect(summary.today.generations).toBe(db?.n);
      expect(summary.runningNow).toBe(db?.active);
      expect(summary.failuresLastHour).toBe(db?.failed);
      expect(summary.failuresLastHour).toBeGreaterThanOrEqual(1);
      const [fluxDb] = await dbRows<{ outputs: number }>(sql`
        select count(*)::int as outputs from generation_outputs o join generations g on g.id = o.generation_id
        where g.model_key = 'flux-schnell' and g.created_at >= ${since}::timestamptz`);
      expect(fluxDb?.outputs).toBeGreaterThanOrEqual(1);
      const flux = summary.today.byModel.find((m) => m.model === "flux-schnell");
      expect(flux).toMatchObject({
        label: "FLUX.1 [schnell]",
        outputs: fluxDb?.outputs,
        estimatedCostUsd: Number((0.003 * (fluxDb?.outputs ?? 0)).toFixed(6)),
      });
      expect(summary.today.estimatedCostUsd).toBeGreaterThan(0.003);
    });
  });

  it("refuses cross-site writes (create, cancel, admin cancel, sign-in) with 403, changing nothing", async () => {
    const owner = app.client();
    const running = await startHeldGeneration(owner, "cross site target");
    const [{ n: before } = { n: 0 }] = await dbRows<{ n: number }>(sql`select count(*)::int as n from generations`);

    const create = await owner.request("/api/generations", {
      json: { model: "sdxl-lightning", input: { prompt: "evil" } },
      headers: evil,
    });
    const ownerCancel = await owner.request(`/api/generations/${running.id}/cancel`, { method: "POST", headers: evil });
    const adminCancel = await admin.request("/api/admin/generations/cancel", { json: { ids: [running.id] }, headers: evil });
    const adminAll = await admin.request("/api/admin/generations/cancel", { json: { allRunning: true }, headers: evil });
    const signInEvil = await app.client().request("/api/admin/session", { json: { password }, headers: evil });
    const signOutEvil = await admin.request("/api/admin/session", { method: "DELETE", headers: evil });
    for (const res of [create, ownerCancel, adminCancel, adminAll, signInEvil, signOutEvil]) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
    expect(signInEvil.headers.getSetCookie().some((c) => c.startsWith("admin_session="))).toBe(false);
    expect(signOutEvil.headers.getSetCookie()).toEqual([]);
    const [{ n: after } = { n: -1 }] = await dbRows<{ n: number }>(sql`select count(*)::int as n from generations`);
    expect(after).toBe(before);
    expect((await generationRow(running.id)).status).toMatch(/starting|processing/);
    expect((await admin.request("/api/admin/summary")).status).toBe(200); // still signed in
    await cancel(admin, { ids: [running.id] });
  });
});
