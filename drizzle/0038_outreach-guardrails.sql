CREATE TABLE "workspace_outreach_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"frequency_cap_messages" integer,
	"frequency_cap_days" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_outreach_cap_pair" CHECK (("workspace_outreach_settings"."frequency_cap_messages" IS NULL) = ("workspace_outreach_settings"."frequency_cap_days" IS NULL)),
	CONSTRAINT "workspace_outreach_cap_range" CHECK ("workspace_outreach_settings"."frequency_cap_messages" IS NULL OR ("workspace_outreach_settings"."frequency_cap_messages" BETWEEN 1 AND 1000 AND "workspace_outreach_settings"."frequency_cap_days" BETWEEN 1 AND 365))
);
--> statement-breakpoint
ALTER TABLE "workspace_outreach_settings" ADD CONSTRAINT "workspace_outreach_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;