-- The tag catalogue (contact_tags) kept by the contacts table itself: every statement that
-- inserts or updates contacts adds the tags it wrote, in its own transaction, so an import, the
-- API, the contact page and a merge can none of them forget it. Statement-level with a transition
-- table: one set-based INSERT per statement, not one per row (an import writes 2,000 rows a
-- statement). PostgreSQL allows no column list on an UPDATE trigger with a transition table,
-- hence the WHEN-less update trigger; rows whose tags are empty add nothing.
-- Written by hand: drizzle-kit cannot declare triggers.
CREATE OR REPLACE FUNCTION parley_catalogue_contact_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_tags (workspace_id, tag)
  SELECT DISTINCT c.workspace_id, t.tag
  FROM written_contacts c CROSS JOIN LATERAL unnest(c.tags) AS t(tag)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER contacts_catalogue_tags_on_insert AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS written_contacts FOR EACH STATEMENT EXECUTE FUNCTION parley_catalogue_contact_tags();
--> statement-breakpoint
CREATE TRIGGER contacts_catalogue_tags_on_update AFTER UPDATE ON contacts
  REFERENCING NEW TABLE AS written_contacts FOR EACH STATEMENT EXECUTE FUNCTION parley_catalogue_contact_tags();
--> statement-breakpoint
-- The tags contacts already carry.
INSERT INTO contact_tags (workspace_id, tag)
SELECT DISTINCT c.workspace_id, t.tag FROM contacts c CROSS JOIN LATERAL unnest(c.tags) AS t(tag)
ON CONFLICT DO NOTHING;
