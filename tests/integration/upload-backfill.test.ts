import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, expect, it } from "vitest";

// Migration 0009 on a database that already has uploads and generations: each live generation is
// linked to the uploads its input names (our /api/files/ URL or a Blob URL, by storage key), a
// deleted one is not, nor another owner's; link counts and last uses follow from the links.

const folder = path.resolve(import.meta.dirname, "../../drizzle");
const before = mkdtempSync(path.join(tmpdir(), "migrations-0008-"));
afterAll(() => rmSync(before, { recursive: true, force: true }));

it("links live generations to the uploads their inputs name, and counts them", async () => {
  // The migrations as they were before 0009.
  cpSync(folder, before, { recursive: true });
  const journal = JSON.parse(readFileSync(path.join(before, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < "0009");
  writeFileSync(path.join(before, "meta/_journal.json"), JSON.stringify(journal));
  const client = new PGlite({ extensions: { pg_trgm } });
  const db = drizzle(client);
  await migrate(db, { migrationsFolder: before });

  await client.exec(`
    insert into uploads (id, owner_id, storage_key, url, content_type, bytes, width, height, created_at) values
      ('upl_a', 'o1', 'uploads/h1/upl_a.png', '/api/files/uploads/h1/upl_a.png', 'image/png', 1, 1, 1, now() - interval '30 days'),
      ('upl_b', 'o1', 'uploads/h1/upl_b.png', 'https://s.public.blob.vercel-storage.com/uploads/h1/upl_b.png', 'image/png', 1, 1, 1, now() - interval '30 days'),
      ('upl_c', 'o1', 'uploads/h1/upl_c.png', '/api/files/uploads/h1/upl_c.png', 'image/png', 1, 1, 1, now() - interval '30 days'),
      ('upl_d', 'o2', 'uploads/h2/upl_d.png', '/api/files/uploads/h2/upl_d.png', 'image/png', 1, 1, 1, now() - interval '30 days');
    insert into generations (id, owner_id, model_key, version, input, created_at, deleted_at) values
      ('gen_1', 'o1', 'sdxl-img2img', 'v', '{"prompt": "p", "image": "http://localhost:3000/api/files/uploads/h1/upl_a.png"}', now() - interval '10 days', null),
      ('gen_2', 'o1', 'sdxl-inpaint', 'v', '{"prompt": "p", "image": "https://s.public.blob.vercel-storage.com/uploads/h1/upl_b.png", "mask": "http://localhost:3000/api/files/uploads/h1/upl_a.png"}', now() - interval '2 days', null),
      ('gen_3', 'o1', 'sdxl-img2img', 'v', '{"prompt": "p", "image": "http://localhost:3000/api/files/uploads/h1/upl_c.png"}', now() - interval '1 day', now()),
      ('gen_4', 'o2', 'sdxl-img2img', 'v', '{"prompt": "p", "image": "http://localhost:3000/api/files/uploads/h1/upl_c.png"}', now(), null);
  `);
  await migrate(db, { migrationsFolder: folder });

  const links = await client.query("select generation_id, upload_id from generation_uploads order by 1, 2");
  expect(links.rows).toEqual([
    { generation_id: "gen_1", upload_id: "upl_a" },
    { generation_id: "gen_2", upload_id: "upl_a" },
    { generation_id: "gen_2", upload_id: "upl_b" },
  ]);
  const uploads = await client.query<{ id: string; link_count: number; unused_days: number }>(
    "select id, link_count, round(extract(epoch from now() - last_used_at) / 86400)::int as unused_days from uploads order by id",
  );
  expect(uploads.rows).toEqual([
    { id: "upl_a", link_count: 2, unused_days: 2 },
    { id: "upl_b", link_count: 1, unused_days: 2 },
    // Used only by a deleted generation, or named by another owner: unlinked, unused since its upload.
    { id: "upl_c", link_count: 0, unused_days: 30 },
    { id: "upl_d", link_count: 0, unused_days: 30 },
  ]);
  await client.close();
});
