-- An audience fan-out writes a run, a conversation and a message per contact and pays, on each
-- row, for every foreign-key check and index. Foreign keys now check "same workspace" and the
-- parent in one lookup: (workspace_id, x_id) references (workspace_id, id) (the unique keys they
-- need come first); the direct workspace_id keys they make redundant are dropped, as are indexes
-- nothing reads and run_steps.workspace_id (a step is only ever read through its run).
ALTER TABLE "channels" ADD CONSTRAINT "channels_workspace_id_key" UNIQUE("workspace_id","id");
--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_workspace_id_key" UNIQUE("workspace_id","id");
--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_workspace_id_key" UNIQUE("workspace_id","id");
--> statement-breakpoint
ALTER TABLE "workflow_versions" ADD CONSTRAINT "workflow_versions_workspace_workflow_id_key" UNIQUE("workspace_id","workflow_id","id");
--> statement-breakpoint
ALTER TABLE "workflow_versions" ADD CONSTRAINT "workflow_versions_workflow_id_key" UNIQUE("workflow_id","id");
--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_workflow_version_pair" CHECK (("conversations"."workflow_id" IS NULL) = ("conversations"."workflow_version_id" IS NULL));
--> statement-breakpoint
ALTER TABLE "conversations" DROP CONSTRAINT "conversations_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "conversations" DROP CONSTRAINT "conversations_contact_id_contacts_id_fk";
--> statement-breakpoint
ALTER TABLE "conversations" DROP CONSTRAINT "conversations_channel_id_channels_id_fk";
--> statement-breakpoint
ALTER TABLE "conversations" DROP CONSTRAINT "conversations_workflow_id_workflows_id_fk";
--> statement-breakpoint
ALTER TABLE "conversations" DROP CONSTRAINT "conversations_workflow_version_id_workflow_versions_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_conversation_id_conversations_id_fk";
--> statement-breakpoint
ALTER TABLE "run_steps" DROP CONSTRAINT "run_steps_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "workflow_runs" DROP CONSTRAINT "workflow_runs_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "workflow_runs" DROP CONSTRAINT "workflow_runs_workflow_id_workflows_id_fk";
--> statement-breakpoint
ALTER TABLE "workflow_runs" DROP CONSTRAINT "workflow_runs_version_id_workflow_versions_id_fk";
--> statement-breakpoint
ALTER TABLE "workflow_runs" DROP CONSTRAINT "workflow_runs_contact_id_contacts_id_fk";
--> statement-breakpoint
DROP INDEX "conversations_campaign_lookup_idx";
--> statement-breakpoint
DROP INDEX "run_steps_node_idx";
--> statement-breakpoint
DROP INDEX "workflow_runs_status_idx";
--> statement-breakpoint
ALTER TABLE "run_steps" DROP COLUMN "workspace_id";
--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_channel_fk" FOREIGN KEY ("workspace_id","channel_id") REFERENCES "public"."channels"("workspace_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_workflow_version_fk" FOREIGN KEY ("workflow_id","workflow_version_id") REFERENCES "public"."workflow_versions"("workflow_id","id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_fk" FOREIGN KEY ("workspace_id","conversation_id") REFERENCES "public"."conversations"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_version_fk" FOREIGN KEY ("workspace_id","workflow_id","version_id") REFERENCES "public"."workflow_versions"("workspace_id","workflow_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- A run's step log. A workflow's conversation is the record of the Start a Conversation step that
-- started it (one per run and node, by conversations_run_node_key), so that step writes no
-- run_steps row of its own: a fan-out writes one row less per contact.
DELETE FROM "run_steps" s USING "conversations" c
  WHERE s.node_type = 'start_conversation' AND s.status = 'ok' AND c.run_id = s.run_id AND c.node_id = s.node_id;
--> statement-breakpoint
CREATE VIEW "run_step_log" AS
  SELECT s.id, s.run_id, s.node_id, s.node_type, s.status, s.outcome, s.detail, s.error, s.created_at
  FROM "run_steps" s
  UNION ALL
  SELECT c.id, c.run_id, c.node_id, 'start_conversation', 'ok'::step_status, 'out', jsonb_build_object('conversationId', c.id), NULL, c.created_at
  FROM "conversations" c
  WHERE c.run_id IS NOT NULL;
