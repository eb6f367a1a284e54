import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users, workspaces } from "./workspaces";

export const mailStatusEnum = pgEnum("mail_status", ["queued", "sent", "sandboxed", "failed"]);

/**
 * Every mail Parley sends, written in the transaction that decides to send it and delivered by the
 * mail-send job (retried, never lost to a crash). Without SMTP configured the job keeps it here
 * as "sandboxed": the mail sandbox shows those to owners, so invitations and resets work anyway.
 */
export const mails = pgTable(
  "mails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The workspace it concerns; null for mail about an account (a password reset, the setup).
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    // The account it concerns (a reset's, an email change's): how the sandbox knows which
    // workspaces' owners may read a mail without a workspace.
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    status: mailStatusEnum("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    messageId: text("message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("mails_workspace_idx").on(t.workspaceId, t.createdAt.desc()), index("mails_to_idx").on(t.toAddress, t.createdAt.desc()), index("mails_user_idx").on(t.userId, t.createdAt.desc())],
);

export type Mail = typeof mails.$inferSelect;
