-- One record of "active in the app" (agent_activity, per person): the round-robin copy in
-- agent_availability.last_active_at moves into it (the latest of a person's workspaces wins)
-- before the next migration drops that column.
INSERT INTO "agent_activity" ("user_id", "last_active_at")
SELECT "user_id", max("last_active_at") FROM "agent_availability" WHERE "last_active_at" IS NOT NULL GROUP BY "user_id"
ON CONFLICT ("user_id") DO UPDATE SET "last_active_at" = greatest("agent_activity"."last_active_at", excluded."last_active_at");
