CREATE TYPE "public"."agent_availability_status" AS ENUM('available', 'away');--> statement-breakpoint
CREATE TABLE "agent_availability" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "agent_availability_status" DEFAULT 'available' NOT NULL,
	"last_active_at" timestamp with time zone,
	"last_assigned_at" timestamp with time zone,
	"max_open" integer,
	CONSTRAINT "agent_availability_workspace_id_user_id_pk" PRIMARY KEY("workspace_id","user_id"),
	CONSTRAINT "agent_availability_max_open" CHECK ("agent_availability"."max_open" IS NULL OR "agent_availability"."max_open" >= 0)
);
--> statement-breakpoint
CREATE TABLE "round_robin_queue" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_round_robin" (
	"team_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"max_open" integer DEFAULT 10 NOT NULL,
	CONSTRAINT "team_round_robin_max_open" CHECK ("team_round_robin"."max_open" >= 0)
);
--> statement-breakpoint
ALTER TABLE "agent_availability" ADD CONSTRAINT "agent_availability_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_availability" ADD CONSTRAINT "agent_availability_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_robin_queue" ADD CONSTRAINT "round_robin_queue_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_robin_queue" ADD CONSTRAINT "round_robin_queue_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_robin_queue" ADD CONSTRAINT "round_robin_queue_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_round_robin" ADD CONSTRAINT "team_round_robin_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_round_robin" ADD CONSTRAINT "team_round_robin_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "round_robin_queue_team_idx" ON "round_robin_queue" USING btree ("team_id","queued_at");