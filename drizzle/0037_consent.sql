ALTER TYPE "public"."consent_status" ADD VALUE 'subscribed';--> statement-breakpoint
CREATE TABLE "sms_keyword_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"contact_id" uuid,
	"phone" text NOT NULL,
	"keyword" text NOT NULL,
	"body" text NOT NULL,
	"provider_message_id" text NOT NULL,
	"reply" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_suppressions" (
	"workspace_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"reason" "email_suppression_reason" NOT NULL,
	"detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sms_suppressions_pkey" PRIMARY KEY("workspace_id","phone")
);
--> statement-breakpoint
ALTER TABLE "sms_keyword_messages" ADD CONSTRAINT "sms_keyword_messages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_keyword_messages" ADD CONSTRAINT "sms_keyword_messages_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_keyword_messages" ADD CONSTRAINT "sms_keyword_messages_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_suppressions" ADD CONSTRAINT "sms_suppressions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sms_keyword_messages_provider_key" ON "sms_keyword_messages" USING btree ("channel_id","provider_message_id");--> statement-breakpoint
CREATE INDEX "sms_keyword_messages_contact_idx" ON "sms_keyword_messages" USING btree ("contact_id","created_at");