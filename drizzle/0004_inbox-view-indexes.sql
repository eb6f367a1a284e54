DROP INDEX "conversations_inbox_all_idx";--> statement-breakpoint
DROP INDEX "conversations_inbox_assignee_idx";--> statement-breakpoint
DROP INDEX "conversations_inbox_team_idx";--> statement-breakpoint
DROP INDEX "conversations_inbox_priority_idx";--> statement-breakpoint
DROP INDEX "conversations_inbox_origin_idx";--> statement-breakpoint
CREATE INDEX "conversations_inbox_unassigned_idx" ON "conversations" USING btree ("workspace_id","state","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."opened_at" IS NOT NULL AND "conversations"."assignee_user_id" IS NULL AND "conversations"."assignee_team_id" IS NULL;--> statement-breakpoint
CREATE INDEX "conversations_inbox_priority_sort_idx" ON "conversations" USING btree ("workspace_id","state","priority" DESC NULLS FIRST,"last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."opened_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_inbox_waiting_sort_idx" ON "conversations" USING btree ("workspace_id","state",coalesce("waiting_since", 'infinity'::timestamptz),"id") WHERE "conversations"."opened_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_inbox_all_idx" ON "conversations" USING btree ("workspace_id","state","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."opened_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_inbox_assignee_idx" ON "conversations" USING btree ("workspace_id","assignee_user_id","state","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."opened_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_inbox_team_idx" ON "conversations" USING btree ("workspace_id","assignee_team_id","state","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."opened_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_inbox_priority_idx" ON "conversations" USING btree ("workspace_id","state","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."opened_at" IS NOT NULL AND "conversations"."priority" = 'high';--> statement-breakpoint
CREATE INDEX "conversations_inbox_origin_idx" ON "conversations" USING btree ("workspace_id","origin","state","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."opened_at" IS NOT NULL;