import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { conversations } from "./conversations";
import { mails } from "./mail";
import { users } from "./workspaces";

/**
 * What an agent wants to hear about (lib/notifications): a person's own choice, the same in every
 * workspace, like the rest of their profile. No row means the defaults below.
 */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    /** A new conversation in their inbox (assigned to them) or in one of their teams' queues. */
    newConversation: boolean("new_conversation").notNull().default(true),
    /** A contact's message in a conversation assigned to them. */
    contactMessage: boolean("contact_message").notNull().default(true),
    /** Desktop notifications (the browser still asks its own permission). */
    desktop: boolean("desktop").notNull().default(true),
    /** A mail when a conversation assigned to them waits emailAfterMinutes for an answer. */
    email: boolean("email").notNull().default(true),
    emailAfterMinutes: integer("email_after_minutes").notNull().default(10),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("notification_preferences_minutes", sql`${t.emailAfterMinutes} BETWEEN 1 AND 1440`)],
);

/**
 * One "unanswered" mail per conversation per waiting window per assignee: the window is
 * identified by the conversation's waiting_since (set by the contact's first unanswered message,
 * cleared by an agent's answer), so the primary key is what makes a second mail for the same wait
 * to the same person impossible. The person is part of it: a waiting conversation reassigned to
 * someone else is their news, and they get their own mail for it.
 */
export const unansweredMails = pgTable(
  "unanswered_mails",
  {
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    waitingSince: timestamp("waiting_since", { withTimezone: true }).notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mailId: uuid("mail_id").references(() => mails.id, { onDelete: "set null" }),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.waitingSince, t.userId] }), index("unanswered_mails_user_idx").on(t.userId)],
);
