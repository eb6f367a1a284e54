-- The Contacts list's search and order at a million contacts (bench: npm run bench:contacts).
-- Written by hand: drizzle-kit cannot declare an extension or an operator-class expression index.
-- The expressions must stay exactly those of lib/contacts/contact-list-query.ts, or the planner
-- will not use them.
-- In a schema of its own, so that public holds only what lib/db/schema declares (its functions
-- are not Parley's); the operator class is named with that schema below.
CREATE SCHEMA IF NOT EXISTS extensions;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA extensions;
--> statement-breakpoint
-- A search is one trigram-indexed ILIKE over the fields a person searches by.
CREATE INDEX IF NOT EXISTS "contacts_search_trgm_idx" ON "contacts" USING gin (
  (coalesce("first_name", '') || ' ' || coalesce("last_name", '') || ' ' || coalesce("email", '') || ' ' || coalesce("phone", '') || ' ' || coalesce("external_id", '')) extensions.gin_trgm_ops
);
--> statement-breakpoint
-- The list's order, so a search that matches many reads the first page in order and stops.
CREATE INDEX IF NOT EXISTS "contacts_list_order_idx" ON "contacts" (
  "workspace_id",
  ((coalesce("first_name", '') = '' AND coalesce("last_name", '') = '')),
  lower(coalesce("first_name", '')),
  lower(coalesce("last_name", '')),
  "id"
);
