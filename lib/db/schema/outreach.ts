import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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

/**
 * A workspace's outreach guardrails (Settings › Outreach): its time zone, which a send window uses
 * for contacts without one of their own, and the frequency cap across all its workflows. No row:
 * UTC and no cap. The cap is off unless both numbers are set.
 */
export const workspaceOutreachSettings = pgTable(
  "workspace_outreach_settings",
  {
    workspaceId: uuid("workspace_id")
      .primaryKey()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    timeZone: text("time_zone").notNull().default("UTC"),
    frequencyCapMessages: integer("frequency_cap_messages"),
    frequencyCapDays: integer("frequency_cap_days"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("workspace_outreach_cap_pair", sql`(${t.frequencyCapMessages} IS NULL) = (${t.frequencyCapDays} IS NULL)`),
    check("workspace_outreach_cap_range", sql`${t.frequencyCapMessages} IS NULL OR (${t.frequencyCapMessages} BETWEEN 1 AND 1000 AND ${t.frequencyCapDays} BETWEEN 1 AND 365)`),
  ],
);
export type WorkspaceOutreachSettings = typeof workspaceOutreachSettings.$inferSelect;
