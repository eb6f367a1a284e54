import { pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { conversations } from "./conversations";
import { users, workspaces } from "./workspaces";

/**
 * How far each agent has read a conversation (lib/inbox/read-marker.ts): the time of the latest
 * message they were shown at the end of the thread. The thread opens at their first unread
 * contact message after it, with a "New messages" marker there. No row: never read, the thread
 * opens at its latest message.
 */
export const conversationReads = pgTable(
  "conversation_reads",
  {
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    lastReadAt: timestamp("last_read_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] })],
);
