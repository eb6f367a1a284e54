-- Conversations name their run, workflow and version (run_id, workflow_id, workflow_version_id)
-- without foreign keys since 0045: a fan-out writes a conversation per contact, and every key is
-- an index lookup and a row lock per written row. The engine writes the three ids from the run,
-- in the transaction that inserts the run. What the keys' ON DELETE SET NULL did is done here:
-- deleting runs (a contact erased, a workflow deleted) or versions (a workflow deleted) unlinks
-- their conversations, which stay in the inbox. Once per deleting statement, set-based.
CREATE OR REPLACE FUNCTION parley_unlink_run_conversations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE conversations c SET run_id = NULL FROM deleted_runs d WHERE c.run_id = d.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER workflow_runs_unlink_conversations AFTER DELETE ON workflow_runs
  REFERENCING OLD TABLE AS deleted_runs FOR EACH STATEMENT EXECUTE FUNCTION parley_unlink_run_conversations();--> statement-breakpoint
CREATE OR REPLACE FUNCTION parley_unlink_version_conversations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Through conversations_workflow_results_idx, which leads with workflow_id.
  UPDATE conversations c SET workflow_id = NULL, workflow_version_id = NULL FROM deleted_versions d
  WHERE c.workflow_id = d.workflow_id AND c.workflow_version_id = d.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER workflow_versions_unlink_conversations AFTER DELETE ON workflow_versions
  REFERENCING OLD TABLE AS deleted_versions FOR EACH STATEMENT EXECUTE FUNCTION parley_unlink_version_conversations();
