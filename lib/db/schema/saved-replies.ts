import { sql } from "drizzle-orm";
import { boolean, check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users, workspaces } from "./workspaces";

/**
 * An agent's saved answer (lib/saved-replies): a title and a rich-text body (the one document
 * shape, lib/rich-text), with variables. Shared ones belong to the workspace and are managed by
 * owners and admins; personal ones only their owner sees.
 */
export const savedReplies = pgTable(
  "saved_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    shared: boolean("shared").notNull().default(false),
    // A personal reply's owner (it goes with them); on a shared one, who wrote it (kept for the record).
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: jsonb("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("saved_replies_personal_owner", sql`${t.shared} OR ${t.ownerUserId} IS NOT NULL`),
    index("saved_replies_workspace_idx").on(t.workspaceId, t.ownerUserId),
  ],
);

export type SavedReplyRow = typeof savedReplies.$inferSelect;
