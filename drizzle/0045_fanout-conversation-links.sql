ALTER TABLE "conversations" DROP CONSTRAINT "conversations_run_id_workflow_runs_id_fk";
--> statement-breakpoint
ALTER TABLE "conversations" DROP CONSTRAINT "conversations_workflow_version_fk";
