DROP INDEX "conversations_workflow_idx";--> statement-breakpoint
DROP INDEX "workflow_runs_results_idx";--> statement-breakpoint
DROP INDEX "conversations_workflow_results_idx";--> statement-breakpoint
DROP INDEX "messages_search_idx";--> statement-breakpoint
DROP INDEX "workflow_runs_workflow_idx";--> statement-breakpoint
CREATE INDEX "run_steps_split_idx" ON "run_steps" USING btree ("node_id","run_id","outcome") WHERE "run_steps"."node_type" = 'split';--> statement-breakpoint
CREATE INDEX "conversations_workflow_results_idx" ON "conversations" USING btree ("workflow_id","workspace_id","created_at","id","node_id","outreach_status","outreach_sent_at","outreach_status_at","run_id");--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search_vector") WHERE "messages"."search_vector" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "workflow_runs_workflow_idx" ON "workflow_runs" USING btree ("workflow_id","created_at","id");