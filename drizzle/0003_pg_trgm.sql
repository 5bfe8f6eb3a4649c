-- Trigram matching for the admin console's prompt search (ILIKE '%text%'): PostgreSQL's
-- pg_trgm (a trusted extension since PostgreSQL 13, available on Neon; PGlite loads its build
-- in src/lib/db/drivers.ts). The index itself is in schema.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
