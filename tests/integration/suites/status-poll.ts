import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "../../../src/lib/db/index";
import type { GenerationView } from "../../../src/shared/generation-view";
import { dbRows, generationRow, outputRows } from "../../helpers/db-inspect";
import { COPIES_MADE } from "../../helpers/stored-files";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";
import type { TestClient } from "../../helpers/test-client";
import { postWebhook, signedHeaders } from "../../helpers/webhooks";

// GET /api/generations/:id as the page polls it: the ETag comes from the row's version, a
// matching If-None-Match is a bodiless 304, and any change to the generation gives a new body
// and a new tag. Owners and admins alike; strangers get 404 whatever tag they send.
const ADMIN_PASSWORD = "status-poll-admin-password";

export function statusPollSuite(db: DbKind) {
  describe(`status polls on ${db}`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ db, env: { ADMIN_PASSWORD } });
    });
    afterAll(async () => {
      await app?.close();
    });

    /** A connection of the test's own to the app's database (pg only). */
    async function otherConnection() {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      return client;
    }

    const poll = (client: TestClient, id: string, etag?: string) =>
      client.request(`/api/generations/${id}`, { headers: etag ? { "if-none-match": etag } : {} });

    /** A generation whose webhooks the emulator drops, and its finished prediction to deliver by hand. */
    async function silentGeneration(prompt: string) {
      const browser = app.client();
      const { body } = await browser.create("sdxl-lightning", { prompt: `${prompt} [drop-webhooks]` });
      for (;;) {
        const { predictionId } = await generationRow(body.id);
        const res = await fetch(`${app.emulator.url}/v1/predictions/${predictionId}`, { headers: { authorization: "Bearer t" } });
        const prediction = (await res.json()) as { status: string };
        if (prediction.status === "succeeded") return { browser, id: body.id, prediction: JSON.stringify(prediction) };
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    it("answers 304 while nothing changed and the new body as soon as something did", async () => {
      const { browser, id, prediction } = await silentGeneration("etag target");
      const first = await poll(browser, id);
      expect(first.status).toBe(200);
      const etag = first.headers.get("etag") ?? "";
      expect(etag).toMatch(/^W\/".+"$/);
      expect(((await first.json()) as GenerationView).status).toBe("starting");

      const unchanged = await poll(browser, id, etag);
      expect(unchanged.status).toBe(304);
      expect(await unchanged.text()).toBe("");
      expect(unchanged.headers.get("etag")).toBe(etag);
      // A list of tags, and the strong form of the same tag, match too; another tag does not.
      expect((await poll(browser, id, `W/"1.other", ${etag}`)).status).toBe(304);
      expect((await poll(browser, id, etag.replace(/^W\//, ""))).status).toBe(304);
      expect((await poll(browser, id, 'W/"1.other"')).status).toBe(200);

      const delivered = await postWebhook(app.url, id, prediction, signedHeaders(app.emulator.webhookSecret, prediction));
      expect(delivered.status).toBe(200);
      const changed = await poll(browser, id, etag);
      expect(changed.status).toBe(200);
      const newTag = changed.headers.get("etag") ?? "";
      expect(newTag).not.toBe(etag);
      const done = (await changed.json()) as GenerationView;
      expect(done).toMatchObject({ id, status: "succeeded", progress: 1 });
      expect(done.outputs).toEqual([expect.objectContaining({ url: expect.stringMatching(/^\/api\/files\//) })]);
      // The same body a poll without a tag gets, and the new tag now answers 304.
      const plain = await poll(browser, id);
      expect(await plain.json()).toEqual(done);
      expect(plain.headers.get("etag")).toBe(newTag);
      expect((await poll(browser, id, newTag)).status).toBe(304);
    });

    it("a held poll (?wait=<etag>) answers with the new body once the change commits (Neon: at once, not held)", async () => {
      const { browser, id, prediction } = await silentGeneration("held poll target");
      const etag = (await poll(browser, id)).headers.get("etag") ?? "";
      const held = browser.request(`/api/generations/${id}?wait=${encodeURIComponent(etag)}`);
      if (db === "neon") {
        const answer = await held;
        expect(answer.status).toBe(304);
        expect(answer.headers.get("x-poll-held")).toBe("0");
        return;
      }
      const delivered = await postWebhook(app.url, id, prediction, signedHeaders(app.emulator.webhookSecret, prediction));
      expect(delivered.status).toBe(200);
      const answer = await held;
      expect(answer.status).toBe(200);
      expect(answer.headers.get("x-poll-held")).toBe("1");
      expect(answer.headers.get("etag")).not.toBe(etag);
      expect(((await answer.json()) as GenerationView).status).toBe("succeeded");
      // A tag that is not current answers at once; a bad one is a 400 naming the field.
      expect((await browser.request(`/api/generations/${id}?wait=${encodeURIComponent('W/"1.x"')}`)).status).toBe(200);
      const bad = await browser.request(`/api/generations/${id}?wait=${"x".repeat(101)}`);
      expect(bad.status).toBe(400);
      expect(await bad.text()).toMatch(/wait/);
    });

    const heldPoll = (client: TestClient, id: string, etag: string) =>
      client.request(`/api/generations/${id}?wait=${encodeURIComponent(etag)}`);
    /** A change made outside the app's own code, as another instance would: only the database reports it. */
    const touch = (id: string) => dbRows(sql`update generations set updated_at = now() where id = ${id} returning id`);

    /**
     * Reads a generation so that this instance knows its version: a held poll whose tag is not
     * current answers at once, once the instance has subscribed to the change feed.
     */
    async function knownTag(client: TestClient, id: string) {
      const res = await heldPoll(client, id, 'W/"0.not-current"');
      expect(res.status).toBe(200);
      return res.headers.get("etag") ?? "";
    }

    /** Two generations of one browser, each polled to a 304 (so known to this instance), with their tags. */
    async function twoKnown(prompt: string) {
      const a = await silentGeneration(`${prompt} a`);
      const b = await silentGeneration(`${prompt} b`);
      const browser = a.browser;
      const tags: string[] = [];
      for (const { browser: owner, id } of [a, b]) {
        const tag = await knownTag(owner, id);
        expect((await poll(owner, id, tag)).status).toBe(304);
        tags.push(tag);
      }
      return {
        browser,
        a: { id: a.id, tag: tags[0] as string, browser },
        b: { id: b.id, tag: tags[1] as string, browser: b.browser },
      };
    }

    it("a change another instance writes is reported: the tag this instance knew is forgotten at once (Neon: never known)", async () => {
      const { a, b } = await twoKnown("reported change");
      if (db === "neon") {
        // No change feed: nothing is known in memory, every poll reads the version.
        await touch(a.id);
        expect((await poll(a.browser, a.id, a.tag)).status).toBe(200);
        return;
      }
      // Reports arrive in commit order: once B's has woken its held poll, A's has been handled.
      const held = heldPoll(b.browser, b.id, b.tag);
      await (await getDb()).transaction(async (tx) => {
        await tx.execute(sql`update generations set updated_at = now() where id = ${a.id}`);
        await tx.execute(sql`update generations set updated_at = now() where id = ${b.id}`);
      });
      expect((await held).status).toBe(200);
      const answer = await poll(a.browser, a.id, a.tag);
      expect(answer.status).toBe(200);
      const newTag = answer.headers.get("etag") ?? "";
      expect(newTag).not.toBe(a.tag);
      expect((await poll(a.browser, a.id, newTag)).status).toBe(304);
    });

    if (db === "pg") {
      it("answers a current tag from memory: a 304 even while no query on generations could run", async () => {
        const { browser, id } = await silentGeneration("memory target");
        const other = await otherConnection();
        try {
          const etag = await knownTag(browser, id);
          expect((await poll(browser, id, etag)).status).toBe(304);
          await other.query("begin");
          await other.query("lock table generations in access exclusive mode");
          expect((await poll(browser, id, etag)).status).toBe(304);
          // Written and committed while the lock is held: the report arrives with the commit.
          const held = heldPoll(browser, id, etag);
          await other.query("update generations set updated_at = now() where id = $1", [id]);
          await other.query("commit");
          expect((await held).status).toBe(200);
          expect((await poll(browser, id, etag)).status).toBe(200);
        } finally {
          await other.end();
        }
      });

      it("this instance's own writes are never answered from the version it knew, reported or not", async () => {
        const { browser, id, prediction } = await silentGeneration("own write target");
        const etag = (await poll(browser, id)).headers.get("etag") ?? "";
        expect((await poll(browser, id, etag)).status).toBe(304);
        const other = await otherConnection();
        // No reports at all: only what this instance does itself can make it forget.
        await other.query("alter table generations disable trigger generations_notify_changed");
        try {
          const delivered = await postWebhook(app.url, id, prediction, signedHeaders(app.emulator.webhookSecret, prediction));
          expect(delivered.status).toBe(200);
          // The sized copies land after the answer and move the version again: wait for them.
          await vi.waitFor(async () => expect((await outputRows(id))[0]?.variants).not.toEqual([]), COPIES_MADE);
          const done = await poll(browser, id, etag);
          expect(done.status).toBe(200);
          const doneTag = done.headers.get("etag") ?? "";
          expect((await poll(browser, id, doneTag)).status).toBe(304);
          expect((await browser.request(`/api/generations/${id}`, { method: "PATCH", json: { favourite: true } })).status).toBe(
            200,
          );
          const starred = await poll(browser, id, doneTag);
          expect(starred.status).toBe(200);
          expect((await poll(browser, id, starred.headers.get("etag") ?? "")).status).toBe(304);
          expect((await browser.request(`/api/generations/${id}`, { method: "DELETE" })).status).toBe(204);
          expect((await poll(browser, id, starred.headers.get("etag") ?? "")).status).toBe(404);
        } finally {
          await other.query("alter table generations enable trigger generations_notify_changed");
          await other.end();
        }
      });

      it("a lost LISTEN connection (a database restart) wakes held polls, forgets what it knew and subscribes again", async () => {
        const { a, b } = await twoKnown("lost feed");
        const other = await otherConnection();
        try {
          // Changes no one reports (triggers off for this session), then the feed's connection dies.
          await other.query("set session_replication_role = replica");
          await other.query("update generations set updated_at = now() where id = any($1)", [[a.id, b.id]]);
          await other.query("set session_replication_role = default");
          const held = heldPoll(b.browser, b.id, b.tag);
          const listeners = "select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %'";
          const before = (await other.query<{ pid: number }>(listeners)).rows;
          expect(before).toHaveLength(1);
          await other.query(`select pg_terminate_backend(pid) from (${listeners}) l`);
          // Woken by the loss, the held poll read the database again.
          expect((await held).status).toBe(200);
          // Nothing known survives the loss: A's unreported change is seen.
          const answer = await poll(a.browser, a.id, a.tag);
          expect(answer.status).toBe(200);
          // The instance subscribes again (a new listener backend), and reports are heard once more.
          const next = heldPoll(a.browser, a.id, answer.headers.get("etag") ?? "");
          await vi.waitFor(
            async () => {
              const now = (await other.query<{ pid: number }>(listeners)).rows;
              expect(now).toHaveLength(1);
              expect(now[0]?.pid).not.toBe(before[0]?.pid);
            },
            { timeout: 10_000, interval: 20 },
          );
          await touch(a.id);
          expect((await next).status).toBe(200);
        } finally {
          await other.end();
        }
      });
    }

    it("an admin polls anyone's generation with the same tags; a stranger gets 404 with or without one", async () => {
      const { browser, id } = await silentGeneration("admin poll target");
      const owners = await poll(browser, id);
      const etag = owners.headers.get("etag") ?? "";
      const admin = app.client();
      expect((await admin.request("/api/admin/session", { json: { password: ADMIN_PASSWORD } })).status).toBe(200);
      const seen = await poll(admin, id);
      expect(seen.status).toBe(200);
      expect(seen.headers.get("etag")).toBe(etag);
      expect(await seen.json()).toEqual(await owners.json());
      expect((await poll(admin, id, etag)).status).toBe(304);

      const stranger = app.client();
      expect((await poll(stranger, id)).status).toBe(404);
      expect((await poll(stranger, id, etag)).status).toBe(404);
      expect((await poll(stranger, "gen_doesnotexistdoesnotexi", etag)).status).toBe(404);
    });
  });
}
