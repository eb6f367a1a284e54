ALTER TABLE "workflow_runs" ADD COLUMN "goal_met_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workflow_versions" ADD COLUMN "goal" jsonb;--> statement-breakpoint
ALTER TABLE "workflows" ADD COLUMN "goal" jsonb;--> statement-breakpoint
CREATE INDEX "workflow_runs_goal_met_idx" ON "workflow_runs" USING btree ("workflow_id","goal_met_at") WHERE "workflow_runs"."goal_met_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "workflow_versions_goal_idx" ON "workflow_versions" USING btree ("workspace_id") WHERE "workflow_versions"."goal" IS NOT NULL;