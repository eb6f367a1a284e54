-- A run's contact is of the run's workspace: what the key workflow_runs_contact_fk (dropped in
-- 0050) checked per inserted run, with a query, a lookup and a row lock each. A fan-out's batch
-- inserts a thousand runs in one statement, so the check is made here once per statement, for
-- its distinct contacts in one query: the same lookups, the same lock (FOR KEY SHARE: a contact
-- being erased makes the insert wait, then fail; an erasure waits for a fan-out that is entering
-- the contact), the same error (SQLSTATE 23503 naming the constraint). Deleting contacts deletes
-- their runs, as the key's ON DELETE CASCADE did. Like 0049 for the run's version.
CREATE OR REPLACE FUNCTION parley_check_run_contacts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  wanted bigint;
  locked bigint;
  missing text;
BEGIN
  -- Counted, not joined row by row against each other: the statement's distinct parents, and
  -- those found and locked (each parent looked up and locked once). Equal in the usual case.
  SELECT count(*) INTO wanted FROM (SELECT DISTINCT workspace_id, contact_id FROM new_runs WHERE workspace_id IS NOT NULL AND contact_id IS NOT NULL) w;
  SELECT count(*) INTO locked FROM (
    SELECT 1 FROM contacts p WHERE (p.workspace_id, p.id) IN (SELECT workspace_id, contact_id FROM new_runs)
    FOR KEY SHARE OF p) l;
  IF locked < wanted THEN
    SELECT format('%s, %s', r.workspace_id, r.contact_id) INTO missing FROM new_runs r
    WHERE r.workspace_id IS NOT NULL AND r.contact_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM contacts p WHERE p.workspace_id = r.workspace_id AND p.id = r.contact_id)
    LIMIT 1;
    RAISE EXCEPTION 'insert or update on table "workflow_runs" violates foreign key constraint "workflow_runs_contact_fk"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'workflow_runs_contact_fk', TABLE = 'workflow_runs', SCHEMA = 'public',
        DETAIL = format('Key (workspace_id, contact_id)=(%s) is not present in table "contacts".', coalesce(missing, '?'));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER workflow_runs_check_contact_on_insert AFTER INSERT ON workflow_runs
  REFERENCING NEW TABLE AS new_runs FOR EACH STATEMENT EXECUTE FUNCTION parley_check_run_contacts();--> statement-breakpoint
-- An update that gives a run another contact (a contact merge) or workspace: checked per row, as
-- the key did. `UPDATE OF` and WHEN keep it off every other update.
CREATE OR REPLACE FUNCTION parley_check_moved_run_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM contacts c WHERE c.workspace_id = NEW.workspace_id AND c.id = NEW.contact_id FOR KEY SHARE OF c;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'insert or update on table "workflow_runs" violates foreign key constraint "workflow_runs_contact_fk"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'workflow_runs_contact_fk', TABLE = 'workflow_runs', SCHEMA = 'public',
        DETAIL = format('Key (workspace_id, contact_id)=(%s, %s) is not present in table "contacts".', NEW.workspace_id, NEW.contact_id);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER workflow_runs_check_contact_on_update AFTER UPDATE OF workspace_id, contact_id ON workflow_runs
  FOR EACH ROW WHEN ((OLD.workspace_id, OLD.contact_id) IS DISTINCT FROM (NEW.workspace_id, NEW.contact_id))
  EXECUTE FUNCTION parley_check_moved_run_contact();--> statement-breakpoint
-- Deleting contacts (an erasure) deletes their runs, once per deleting statement; the runs' own
-- delete trigger then unlinks their conversations (0046), which the contacts' conversation key
-- deletes anyway.
CREATE OR REPLACE FUNCTION parley_delete_contact_runs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM workflow_runs r USING deleted_contacts d WHERE r.workspace_id = d.workspace_id AND r.contact_id = d.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER contacts_delete_runs AFTER DELETE ON contacts
  REFERENCING OLD TABLE AS deleted_contacts FOR EACH STATEMENT EXECUTE FUNCTION parley_delete_contact_runs();--> statement-breakpoint
-- What the key's NO ACTION on update refused: a contact's key changing under its runs.
CREATE OR REPLACE FUNCTION parley_forbid_contact_rekey() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM workflow_runs r WHERE r.workspace_id = OLD.workspace_id AND r.contact_id = OLD.id) THEN
    RAISE EXCEPTION 'update or delete on table "contacts" violates foreign key constraint "workflow_runs_contact_fk" on table "workflow_runs"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'workflow_runs_contact_fk', TABLE = 'workflow_runs', SCHEMA = 'public';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER contacts_forbid_rekey BEFORE UPDATE OF workspace_id, id ON contacts
  FOR EACH ROW WHEN ((OLD.workspace_id, OLD.id) IS DISTINCT FROM (NEW.workspace_id, NEW.id))
  EXECUTE FUNCTION parley_forbid_contact_rekey();
