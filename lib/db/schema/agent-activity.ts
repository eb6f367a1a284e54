import { pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./workspaces";

/**
 * When the person was last seen in the app (a live stream open, refreshed while it stays open):
 * THE one record of "active", read by the "unanswered" mail (not sent to someone active) and by
 * round robin (an Available agent idle past PARLEY_AGENT_IDLE_MINUTES counts as Away). Per person,
 * not per workspace: a tab open on any workspace is Parley open. In PostgreSQL so every web
 * process and the worker agree on who is active.
 */
export const agentActivity = pgTable("agent_activity", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  lastActiveAt: timestamp("last_active_at", { withTimezone: true }).notNull().defaultNow(),
});
