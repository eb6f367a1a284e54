-- Part 9: email (ignoring case) and phone become unique per workspace (the next migration adds
-- the unique indexes). Contacts already sharing one must not make that migration fail, so first:
-- blank values become NULL (no value), then within each workspace the OLDEST contact (created_at,
-- then id) keeps a shared email or phone and the others' copy is set to NULL. The oldest, because
-- that is the contact the API and chat already resolve an email or phone to (resolveContact takes
-- the oldest match), so nothing that resolves today resolves differently after. The others keep
-- everything else (names, external id, conversations); Contacts › Merge brings two records of one
-- person together. External ids were unique already.
UPDATE "contacts" SET "email" = NULL WHERE "email" IS NOT NULL AND btrim("email") = '';
--> statement-breakpoint
UPDATE "contacts" SET "phone" = NULL WHERE "phone" IS NOT NULL AND btrim("phone") = '';
--> statement-breakpoint
UPDATE "contacts" AS c SET "email" = NULL, "updated_at" = now()
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "workspace_id", lower("email") ORDER BY "created_at", "id") AS rank
  FROM "contacts" WHERE "email" IS NOT NULL
) AS ranked
WHERE c."id" = ranked."id" AND ranked.rank > 1;
--> statement-breakpoint
UPDATE "contacts" AS c SET "phone" = NULL, "updated_at" = now()
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "workspace_id", "phone" ORDER BY "created_at", "id") AS rank
  FROM "contacts" WHERE "phone" IS NOT NULL
) AS ranked
WHERE c."id" = ranked."id" AND ranked.rank > 1;
