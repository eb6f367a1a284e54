-- A run's version is of the run's workflow and workspace: what the key workflow_runs_version_fk
-- (dropped in 0048) checked per inserted run, with a lookup and a row lock each. A fan-out's
-- batch inserts a thousand runs of one version in one statement, so the check is made here once
-- per statement and distinct version: the same lookup, the same lock (FOR KEY SHARE: a version
-- being deleted makes the insert wait, then fail), the same error (SQLSTATE 23503 naming the
-- constraint). Deleting a version deletes its runs, as the key's ON DELETE CASCADE did.
CREATE OR REPLACE FUNCTION parley_check_run_versions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  wanted bigint;
  locked bigint;
  missing text;
BEGIN
  -- Counted, not joined row by row against each other: the statement's distinct parents, and
  -- those found and locked (each parent looked up and locked once). Equal in the usual case.
  SELECT count(*) INTO wanted FROM (SELECT DISTINCT workspace_id, workflow_id, version_id FROM new_runs WHERE workspace_id IS NOT NULL AND workflow_id IS NOT NULL AND version_id IS NOT NULL) w;
  SELECT count(*) INTO locked FROM (
    SELECT 1 FROM workflow_versions p WHERE (p.workspace_id, p.workflow_id, p.id) IN (SELECT workspace_id, workflow_id, version_id FROM new_runs)
    FOR KEY SHARE OF p) l;
  IF locked < wanted THEN
    SELECT format('%s, %s, %s', r.workspace_id, r.workflow_id, r.version_id) INTO missing FROM new_runs r
    WHERE r.workspace_id IS NOT NULL AND r.workflow_id IS NOT NULL AND r.version_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM workflow_versions p WHERE p.workspace_id = r.workspace_id AND p.workflow_id = r.workflow_id AND p.id = r.version_id)
    LIMIT 1;
    RAISE EXCEPTION 'insert or update on table "workflow_runs" violates foreign key constraint "workflow_runs_version_fk"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'workflow_runs_version_fk', TABLE = 'workflow_runs', SCHEMA = 'public',
        DETAIL = format('Key (workspace_id, workflow_id, version_id)=(%s) is not present in table "workflow_versions".', coalesce(missing, '?'));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER workflow_runs_check_version_on_insert AFTER INSERT ON workflow_runs
  REFERENCING NEW TABLE AS new_runs FOR EACH STATEMENT EXECUTE FUNCTION parley_check_run_versions();--> statement-breakpoint
-- An update that moves a run to another version (or workflow, or workspace; the engine never
-- does): checked per row, as the key did. `UPDATE OF` and WHEN keep it off every other update.
CREATE OR REPLACE FUNCTION parley_check_moved_run_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM workflow_versions v
  WHERE v.workspace_id = NEW.workspace_id AND v.workflow_id = NEW.workflow_id AND v.id = NEW.version_id
  FOR KEY SHARE OF v;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'insert or update on table "workflow_runs" violates foreign key constraint "workflow_runs_version_fk"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'workflow_runs_version_fk', TABLE = 'workflow_runs', SCHEMA = 'public',
        DETAIL = format('Key (workspace_id, workflow_id, version_id)=(%s, %s, %s) is not present in table "workflow_versions".',
          NEW.workspace_id, NEW.workflow_id, NEW.version_id);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER workflow_runs_check_version_on_update AFTER UPDATE OF workspace_id, workflow_id, version_id ON workflow_runs
  FOR EACH ROW WHEN ((OLD.workspace_id, OLD.workflow_id, OLD.version_id) IS DISTINCT FROM (NEW.workspace_id, NEW.workflow_id, NEW.version_id))
  EXECUTE FUNCTION parley_check_moved_run_version();--> statement-breakpoint
-- Deleting versions (a workflow deleted) deletes their runs, once per deleting statement, through
-- workflow_runs_workflow_idx (it leads with workflow_id). The runs' own delete trigger then
-- unlinks their conversations (0046).
CREATE OR REPLACE FUNCTION parley_delete_version_runs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM workflow_runs r USING deleted_versions d
  WHERE r.workflow_id = d.workflow_id AND r.version_id = d.id AND r.workspace_id = d.workspace_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER workflow_versions_delete_runs AFTER DELETE ON workflow_versions
  REFERENCING OLD TABLE AS deleted_versions FOR EACH STATEMENT EXECUTE FUNCTION parley_delete_version_runs();
-- A version never changes once written (0001 refuses every update), so no run can lose its
-- version by an update of the version: what the key's NO ACTION on update refused is refused there.
