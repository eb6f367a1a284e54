import { pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { users, workspaces } from "./workspaces";

// A workspace that turned on the email open pixel (Settings › Conversations; off unless a row is
// here): a workflow's first email then carries a pixel whose load marks it seen (lib/outreach-status).
export const emailOpenTracking = pgTable("email_open_tracking", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  enabledBy: uuid("enabled_by").references(() => users.id, { onDelete: "set null" }),
  enabledAt: timestamp("enabled_at", { withTimezone: true }).notNull().defaultNow(),
});
