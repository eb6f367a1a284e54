CREATE TYPE "public"."sms_delivery_status" AS ENUM('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed');--> statement-breakpoint
CREATE TYPE "public"."sms_direction" AS ENUM('outbound', 'inbound');--> statement-breakpoint
CREATE TABLE "api_rate_limits" (
	"api_key_id" uuid NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "api_rate_limits_api_key_id_window_start_pk" PRIMARY KEY("api_key_id","window_start")
);
--> statement-breakpoint
CREATE TABLE "sms_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"status" "sms_delivery_status" DEFAULT 'queued' NOT NULL,
	"to_number" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"provider_message_id" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_sandbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"direction" "sms_direction" NOT NULL,
	"phone" text NOT NULL,
	"body" text NOT NULL,
	"provider_message_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "rate_limit_per_minute" integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "api_rate_limits" ADD CONSTRAINT "api_rate_limits_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_deliveries" ADD CONSTRAINT "sms_deliveries_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_deliveries" ADD CONSTRAINT "sms_deliveries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_deliveries" ADD CONSTRAINT "sms_deliveries_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_deliveries" ADD CONSTRAINT "sms_deliveries_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_sandbox_messages" ADD CONSTRAINT "sms_sandbox_messages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_sandbox_messages" ADD CONSTRAINT "sms_sandbox_messages_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sms_deliveries_message_key" ON "sms_deliveries" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "sms_deliveries_due_idx" ON "sms_deliveries" USING btree ("next_attempt_at") WHERE "sms_deliveries"."status" IN ('queued', 'sending');--> statement-breakpoint
CREATE INDEX "sms_deliveries_conversation_idx" ON "sms_deliveries" USING btree ("conversation_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "sms_deliveries_provider_key" ON "sms_deliveries" USING btree ("channel_id","provider_message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sms_sandbox_messages_provider_key" ON "sms_sandbox_messages" USING btree ("channel_id","provider_message_id");--> statement-breakpoint
CREATE INDEX "sms_sandbox_messages_phone_idx" ON "sms_sandbox_messages" USING btree ("workspace_id","channel_id","phone","created_at");--> statement-breakpoint
-- Outbox kicks, written by hand. Every INSERT into webhook_deliveries queues a drain job in the
-- same transaction (coalesced by job_key), so a delivery starts within about a second of the
-- change it announces committing, whichever code path wrote the row.
CREATE OR REPLACE FUNCTION parley_kick_webhook_drain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM inserted_rows) THEN
    PERFORM graphile_worker.add_job('webhooks-drain', '{}'::json, job_key := 'webhooks-drain:kick', max_attempts := 3);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER webhook_deliveries_kick_drain AFTER INSERT ON webhook_deliveries
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION parley_kick_webhook_drain();--> statement-breakpoint
-- The SMS outbox: an agent's or bot's message on an SMS channel gets an sms_deliveries row and a
-- send job in the transaction that inserts the message, so no code path can store a text it
-- forgets to send. Notes and the contact's own messages are never sent.
CREATE OR REPLACE FUNCTION parley_queue_sms() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  queued integer;
BEGIN
  INSERT INTO sms_deliveries (message_id, workspace_id, channel_id, conversation_id)
  SELECT m.id, m.workspace_id, c.channel_id, c.id
  FROM inserted_rows m
  JOIN conversations c ON c.id = m.conversation_id
  JOIN channels ch ON ch.id = c.channel_id AND ch.kind = 'sms'
  WHERE m.kind = 'message' AND m.author_type IN ('agent', 'bot')
  ORDER BY m.created_at, m.id
  ON CONFLICT (message_id) DO NOTHING;
  GET DIAGNOSTICS queued = ROW_COUNT;
  IF queued > 0 THEN
    PERFORM graphile_worker.add_job('sms-send', '{}'::json, job_key := 'sms-send:kick', max_attempts := 3);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_queue_sms AFTER INSERT ON messages
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION parley_queue_sms();
