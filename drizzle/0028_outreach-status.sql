CREATE TYPE "public"."outreach_status" AS ENUM('queued', 'sent', 'delivered', 'failed', 'seen', 'replied');--> statement-breakpoint
CREATE TABLE "email_open_tracking" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"enabled_by" uuid,
	"enabled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "outreach_status" "outreach_status";--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "outreach_status_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "outreach_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "outreach_reason" text;--> statement-breakpoint
ALTER TABLE "email_open_tracking" ADD CONSTRAINT "email_open_tracking_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_open_tracking" ADD CONSTRAINT "email_open_tracking_enabled_by_users_id_fk" FOREIGN KEY ("enabled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_workflow_results_idx" ON "conversations" USING btree ("workspace_id","workflow_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST,"node_id","outreach_status","outreach_sent_at","outreach_status_at");--> statement-breakpoint
CREATE INDEX "run_steps_not_ok_idx" ON "run_steps" USING btree ("node_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "run_steps"."status" <> 'ok';--> statement-breakpoint
CREATE INDEX "workflow_runs_results_idx" ON "workflow_runs" USING btree ("workspace_id","workflow_id","is_test","id","contact_id");