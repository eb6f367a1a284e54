-- The inbox search's customer identifier matching (lib/db/queries/inbox-search.ts; bench:
-- npm run bench:search). Written by hand: drizzle-kit cannot declare an operator class from
-- another schema (pg_trgm lives in "extensions", drizzle/0017). Only opened conversations are
-- ever searched, so campaigns (most rows) never enter it; the expression and predicate must stay
-- those of the search's query, or the planner will not use it.
CREATE INDEX IF NOT EXISTS "conversations_customer_identifier_trgm_idx" ON "conversations" USING gin (
  "customer_identifier" extensions.gin_trgm_ops
) WHERE "opened_at" IS NOT NULL;
