// npm run db:migrate: apply drizzle/ migrations to DATABASE_URL (PGlite in .data/ when unset).
import { existsSync } from "node:fs";
import { openConfiguredDatabase } from "../src/lib/db/drivers";
import { migrateDatabase } from "../src/lib/db/migrate";

// Like Next, read .env.local and .env; variables already set win.
for (const file of [".env.local", ".env"]) if (existsSync(file)) process.loadEnvFile(file);

const handle = await openConfiguredDatabase();
await migrateDatabase(handle);
console.log(`Migrated the database (${handle.driver} driver).`);
await handle.close();
