DROP INDEX "workflow_versions_number_key";--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "resume_outcome" text;--> statement-breakpoint
ALTER TABLE "workflow_versions" ADD COLUMN "trigger_type" text;--> statement-breakpoint
ALTER TABLE "workflow_versions" ADD COLUMN "is_test" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "workflows" ADD COLUMN "audience_evaluated_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_versions_number_key" ON "workflow_versions" USING btree ("workflow_id","version") WHERE NOT "workflow_versions"."is_test";