CREATE TYPE "public"."outreach_status" AS ENUM('queued', 'sent', 'delivered', 'failed', 'seen', 'replied');--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "outreach_status" "outreach_status";--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "outreach_status_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "outreach_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "outreach_reason" text;--> statement-breakpoint
CREATE INDEX "conversations_workflow_results_idx" ON "conversations" USING btree ("workspace_id","workflow_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST,"node_id","outreach_status","outreach_sent_at","outreach_status_at");--> statement-breakpoint
CREATE INDEX "run_steps_not_ok_idx" ON "run_steps" USING btree ("node_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "run_steps"."status" <> 'ok';--> statement-breakpoint
CREATE INDEX "workflow_runs_results_idx" ON "workflow_runs" USING btree ("workspace_id","workflow_id","is_test","id","contact_id");