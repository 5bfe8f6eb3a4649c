import { type DbHandle, migrationsFolder } from "./drivers";

/** Applies drizzle/ migrations. PGlite is migrated when opened; pg/neon by `npm run db:migrate`. */
export async function migrateDatabase(handle: DbHandle): Promise<void> {
  if (handle.driver === "pglite") return;
  if (handle.driver === "pg") {
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants its driver's concrete db type
    await migrate(handle.db as any, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/neon-serverless/migrator");
    // biome-ignore lint/suspicious/noExplicitAny: as above
    await migrate(handle.db as any, { migrationsFolder });
  }
}
