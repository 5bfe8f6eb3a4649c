// npm run db:migrate: apply drizzle/ migrations to DATABASE_URL (PGlite in .data/ when unset).
import { openConfiguredDatabase } from "../src/lib/db/drivers";
import { migrateDatabase } from "../src/lib/db/migrate";

const handle = await openConfiguredDatabase();
await migrateDatabase(handle);
console.log(`Migrated the database (${handle.driver} driver).`);
await handle.close();
