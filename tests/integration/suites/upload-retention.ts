import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../src/lib/db/index";
import { linkUploads } from "../../../src/lib/db/upload-queries";
import { markUnusedUploads } from "../../../src/lib/db/upload-sweep-queries";
import { dbRows } from "../../helpers/db-inspect";
import { emulatorPredictionsMatching, eventually, runReconciler } from "../../helpers/emulator-control";
import { type DbKind, startTestApp, type TestApp } from "../../helpers/test-app";
import type { TestClient } from "../../helpers/test-client";
import { solidPng, uploadBytes } from "../../helpers/test-images";

// Uploads nobody uses are deleted with their files once no create has used them for
// UPLOAD_RETENTION_DAYS; one a generation uses stays as long as the generation. On real
// PostgreSQL a create using an old upload races the sweep: either the create links it (and it
// stays) or the sweep deletes it (and the create is a 400 naming the field, nothing started),
// never a generation whose input file is gone.
const CRON_SECRET = "cron-secret-for-upload-tests";
const RETENTION_DAYS = 7;

export function uploadRetentionSuite(db: DbKind) {
  describe(`upload retention on ${db}`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({
        db,
        env: {
          CRON_SECRET,
          UPLOAD_RETENTION_DAYS: String(RETENTION_DAYS),
          MAX_RUNNING_PER_OWNER: "20",
          MAX_RUNNING_PER_ADDRESS: "40",
        },
      });
    });
    afterAll(async () => {
      await app?.close();
    });

    const upload = async (browser: TestClient) => {
      const { status, body } = await uploadBytes(browser, await solidPng(64, 48), "in.png");
      expect(status).toBe(201);
      return { id: body.id as string, url: new URL(body.url as string, app.url).href };
    };
    /** As if no create had used it for 8 days (and it was uploaded then). */
    const age = (uploadId: string) =>
      dbRows(sql`update uploads set created_at = now() - interval '8 days', last_used_at = now() - interval '8 days'
        where id = ${uploadId}`);
    const rowExists = async (uploadId: string) => (await dbRows(sql`select 1 from uploads where id = ${uploadId}`)).length === 1;
    const served = async (url: string) => (await fetch(url)).status;
    /** Its row and its file both gone, or both still there. */
    const expectGone = async (u: { id: string; url: string }) => {
      expect(await rowExists(u.id)).toBe(false);
      expect(await served(u.url)).toBe(404);
    };
    const expectKept = async (u: { id: string; url: string }) => {
      expect(await rowExists(u.id)).toBe(true);
      expect(await served(u.url)).toBe(200);
    };
    const linkWaits = async () =>
      (
        await dbRows(sql`select 1 from pg_stat_activity
          where wait_event_type = 'Lock' and query like '%generation_uploads%' and pid <> pg_backend_pid()`)
      ).length;
    const sweep = () => runReconciler(app, CRON_SECRET);
    const linksOf = (uploadId: string) => dbRows(sql`select generation_id from generation_uploads where upload_id = ${uploadId}`);
    const linkCount = async (uploadId: string) =>
      (await dbRows<{ n: number }>(sql`select link_count as n from uploads where id = ${uploadId}`))[0]?.n;

    it("an upload never used is deleted with its file after the retention; a recent one stays", async () => {
      const browser = app.client();
      const old = await upload(browser);
      const recent = await upload(browser);
      await age(old.id);
      expect((await sweep()).sweptUploads).toBe(1);
      await expectGone(old);
      await expectKept(recent);
      // A form left open that long: the create says what happened to the caller's own image.
      const { res, body } = await browser.create("sdxl-img2img", { prompt: "from a swept upload", image: old.url });
      expect(res.status).toBe(400);
      expect(body.error?.fields).toEqual([{ path: "input.image", message: expect.stringMatching(/no longer stored/) }]);
      // Someone else naming it gets no hint that it was ever stored.
      const stranger = await app.client().create("sdxl-img2img", { prompt: "not mine", image: old.url });
      expect(stranger.body.error?.fields).toEqual([{ path: "input.image", message: expect.stringMatching(/your own uploads/) }]);
    });

    it("an upload a generation uses stays as long as it; deleting the generation lets the sweep take it", async () => {
      const browser = app.client();
      const input = await upload(browser);
      const { res, body } = await browser.create("sdxl-img2img", { prompt: "kept input", image: input.url });
      expect(res.status).toBe(201);
      expect((await browser.waitFor(body.id)).status).toBe("succeeded");
      const links = () => linksOf(input.id);
      expect(await links()).toEqual([{ generation_id: body.id }]);
      expect(await linkCount(input.id)).toBe(1);
      await age(input.id);
      await sweep();
      await expectKept(input);
      expect((await browser.request(`/api/generations/${body.id}`, { method: "DELETE" })).status).toBe(204);
      expect(await links()).toEqual([]);
      expect(await linkCount(input.id)).toBe(0);
      // Deleted just now, but unused for 8 days: the next sweep takes it.
      expect((await sweep()).sweptUploads).toBe(1);
      await expectGone(input);
    });

    it("variations of an upload link it once per run; deleting one run leaves it linked to the other", async () => {
      const browser = app.client();
      const input = await upload(browser);
      const res = await browser.request("/api/groups", {
        json: {
          kind: "variations",
          model: "sdxl-img2img",
          count: 2,
          input: { prompt: "two runs of one upload", image: input.url },
        },
      });
      expect(res.status).toBe(201);
      const group = (await res.json()) as { generations: { id: string }[] };
      const ids = group.generations.map((g) => g.id).sort();
      expect((await linksOf(input.id)).map((l) => l.generation_id).sort()).toEqual(ids);
      expect(await linkCount(input.id)).toBe(2);
      await Promise.all(ids.map((id) => browser.waitFor(id)));
      expect((await browser.request(`/api/generations/${ids[0]}`, { method: "DELETE" })).status).toBe(204);
      expect(await linkCount(input.id)).toBe(1);
      await age(input.id);
      await sweep();
      expect(await served(input.url)).toBe(200);
    });

    it("a live generation naming an upload it has no link to (made before links existed) keeps it", async () => {
      const browser = app.client();
      const input = await upload(browser);
      const { body } = await browser.create("sdxl-img2img", { prompt: "made before links", image: input.url });
      expect((await browser.waitFor(body.id)).status).toBe("succeeded");
      await dbRows(sql`delete from generation_uploads where upload_id = ${input.id}`);
      await dbRows(sql`update uploads set link_count = 0 where id = ${input.id}`);
      await age(input.id);
      expect((await sweep()).sweptUploads).toBe(0);
      expect(await linksOf(input.id)).toEqual([{ generation_id: body.id }]);
      expect(await linkCount(input.id)).toBe(1);
      expect(await served(input.url)).toBe(200);
    });

    it("a deletion a crash left half done: no create may use the upload, and a later sweep finishes it", async () => {
      const browser = app.client();
      const input = await upload(browser);
      // Marked by a sweep two minutes ago that never got to the file.
      await dbRows(sql`update uploads set deleting_since = now() - interval '2 minutes' where id = ${input.id}`);
      const prompt = "uses an upload being deleted";
      const { res, body } = await browser.create("sdxl-img2img", { prompt, image: input.url });
      expect(res.status).toBe(400);
      expect(body.error?.fields).toEqual([{ path: "input.image", message: expect.stringMatching(/no longer stored/) }]);
      expect(await emulatorPredictionsMatching(app, prompt)).toEqual([]);
      expect((await sweep()).sweptUploads).toBe(1);
      await expectGone(input);
    });

    it("a replay of a create answers with its generation, whatever became of its input since", async () => {
      const browser = app.client();
      const input = await upload(browser);
      const key = { idempotencyKey: "replay-after-the-input-went" };
      const first = await browser.create("sdxl-img2img", { prompt: "replayed", image: input.url }, key);
      expect(first.res.status).toBe(201);
      // Gone behind the app's back: no row, no link.
      await dbRows(sql`delete from generation_uploads where upload_id = ${input.id}`);
      await dbRows(sql`delete from uploads where id = ${input.id}`);
      const replay = await browser.create("sdxl-img2img", { prompt: "replayed", image: input.url }, key);
      expect(replay.res.status).toBe(200);
      expect(replay.body.id).toBe(first.body.id);
      expect(await emulatorPredictionsMatching(app, "replayed")).toHaveLength(1);
    });

    // Where transactions overlap (not PGlite: one connection), the two orders the row lock
    // decides, each held open on purpose with the sweep's and the create's own statements.
    if (db !== "pglite") {
      it("the sweep marking an upload between a create's check and its link: a 400 naming the field, nothing started", async () => {
        const browser = app.client();
        const input = await upload(browser);
        await age(input.id);
        const prompt = "checked, then swept";
        let created: ReturnType<TestClient["create"]> | undefined;
        await (await getDb()).transaction(async (tx) => {
          // The sweep's first phase, its commit not yet sent.
          const marked = await markUnusedUploads(tx, new Date(Date.now() - RETENTION_DAYS * 86_400_000), 20);
          expect(marked.map((m) => m.id)).toContain(input.id);
          created = browser.create("sdxl-img2img", { prompt, image: input.url });
          // The create saw the row unmarked (the mark is not committed) and now waits on its lock to link it.
          await eventually(async () => (await linkWaits()) > 0, 10_000, "the create waiting to link the upload");
        });
        const { res, body } = await (created as NonNullable<typeof created>);
        expect(res.status).toBe(400);
        expect(body.error?.fields).toEqual([{ path: "input.image", message: expect.stringMatching(/no longer stored/) }]);
        expect(await dbRows(sql`select id from generations where input->>'prompt' = ${prompt}`)).toEqual([]);
        expect(await emulatorPredictionsMatching(app, prompt)).toEqual([]);
        expect(await linkCount(input.id)).toBe(0);
      });

      it("a create linking an old upload while the sweep runs: the sweep skips it and takes the others", async () => {
        const browser = app.client();
        const held = await upload(browser);
        const other = await upload(browser);
        await Promise.all([age(held.id), age(other.id)]);
        const { body } = await browser.create("sdxl-lightning", { prompt: "the generation that links it" });
        await (await getDb()).transaction(async (tx) => {
          // The create's link, its commit not yet sent.
          expect(await linkUploads(tx, body.id, [held.id])).toEqual([held.id]);
          expect((await sweep()).sweptUploads).toBe(1);
        });
        await expectGone(other);
        expect(await linkCount(held.id)).toBe(1);
        expect((await sweep()).sweptUploads).toBe(0);
        expect(await served(held.url)).toBe(200);
      });
    }

    it("a create using an old upload, racing the sweep: linked and kept, or refused with nothing started", async () => {
      const browser = app.client();
      const rounds = 8;
      const outcomes: Record<string, number> = {};
      for (let i = 0; i < rounds; i++) {
        const input = await upload(browser);
        await age(input.id);
        const prompt = `race the sweep ${i}`;
        // The sweep starts 0 to 21 ms after the create, so some rounds land inside the create's
        // own read-then-link window (which of them varies; every outcome is checked).
        const [created] = await Promise.all([
          browser.create("sdxl-img2img", { prompt, image: input.url }),
          new Promise((r) => setTimeout(r, i * 3)).then(sweep),
        ]);
        const kept = await rowExists(input.id);
        if (created.res.status === 201) {
          // Linked in the create's transaction: the sweep skipped it or found it used just now.
          expect(kept).toBe(true);
          expect(await served(input.url)).toBe(200);
          expect((await browser.waitFor(created.body.id)).status).toBe("succeeded");
          outcomes.created = (outcomes.created ?? 0) + 1;
        } else {
          expect(created.res.status).toBe(400);
          expect(created.body.error?.fields?.map((f) => f.path)).toEqual(["input.image"]);
          expect(kept).toBe(false);
          expect(await served(input.url)).toBe(404);
          const rows = await dbRows(sql`select id from generations where input->>'prompt' = ${prompt}`);
          expect(rows).toEqual([]);
          expect(await emulatorPredictionsMatching(app, prompt)).toEqual([]);
          outcomes.refused = (outcomes.refused ?? 0) + 1;
        }
        // Whichever won, a later sweep leaves a linked upload alone.
        await sweep();
        expect(await rowExists(input.id)).toBe(kept);
      }
      console.log(`[upload retention on ${db}] create vs sweep, ${rounds} rounds:`, JSON.stringify(outcomes));
    });
  });
}
