-- The audience fan-out starts each batch's conversations before it inserts the batch's runs, in
-- their final state, at the end of the same transaction (one write per run instead of an INSERT
-- and an UPDATE). The reference from a conversation to its run is therefore checked at commit.
ALTER TABLE "conversations" ALTER CONSTRAINT "conversations_run_id_workflow_runs_id_fk" DEFERRABLE INITIALLY DEFERRED;
