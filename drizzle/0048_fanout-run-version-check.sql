ALTER TABLE "workflow_runs" DROP CONSTRAINT "workflow_runs_version_fk";
