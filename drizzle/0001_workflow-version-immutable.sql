-- A published version is the exact graph runs execute: it can never change after publishing.
CREATE FUNCTION parley_forbid_version_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'workflow versions are immutable';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER workflow_versions_immutable BEFORE UPDATE ON workflow_versions
  FOR EACH ROW EXECUTE FUNCTION parley_forbid_version_update();
