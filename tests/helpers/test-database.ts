import { randomBytes } from "node:crypto";
import pg from "pg";

// A fresh database per test file on the machine's PostgreSQL (TEST_DATABASE_URL), dropped
// after. Refuses anything but a local server.

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function assertLocalDatabaseUrl(url: string): URL {
  const parsed = new URL(url);
  if (!LOCAL_HOSTS.has(parsed.hostname)) {
    throw new Error(`Refusing to run tests against a non-local database (${parsed.hostname})`);
  }
  return parsed;
}

export async function createTestDatabase(
  serverUrl: string,
  { template }: { template?: string } = {},
): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = assertLocalDatabaseUrl(serverUrl);
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  // A template is copied as it stands (no session may be connected to it meanwhile).
  await client.query(template ? `CREATE DATABASE ${name} TEMPLATE "${template.replace(/"/g, "")}"` : `CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
