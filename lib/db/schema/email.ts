import { sql } from "drizzle-orm";
import { bigserial, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels";
import { contacts } from "./contacts";
import { conversations, messages } from "./conversations";
import { channelKindEnum } from "./enums";
import { storedFiles } from "./files";
import { workspaces } from "./workspaces";

export const emailDeliveryStatusEnum = pgEnum("email_delivery_status", ["queued", "sending", "sent", "failed", "skipped"]);
export const emailDirectionEnum = pgEnum("email_direction", ["outbound", "inbound"]);
// The contact's own choice per channel kind (lib/consent). "bouncing" is not stored here: it is a
// fact about an address, kept in that kind's suppression list (email_suppressions, sms_suppressions).
export const consentStatusEnum = pgEnum("consent_status", ["unsubscribed", "subscribed"]);
export const suppressionReasonEnum = pgEnum("email_suppression_reason", ["bounce", "complaint"]);

// Outbox of emails to send: a row per agent/bot message on an email channel, written by a trigger
// in the transaction that inserts the message (messages_queue_email, a custom migration), exactly
// as sms_deliveries is fed, so no code path that writes a message can forget to send it.
export const emailDeliveries = pgTable(
  "email_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    status: emailDeliveryStatusEnum("status").notNull().default("queued"),
    toAddress: text("to_address"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    // When the drain last took it: the channel's send rate counts the claims of the last second.
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    // The RFC 5322 Message-ID it was sent with (derived from the message, so a retry reuses it).
    rfcMessageId: text("rfc_message_id"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("email_deliveries_message_key").on(t.messageId),
    index("email_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} IN ('queued', 'sending')`),
    // The drain takes each channel's due rows in order, up to its budget (lib/email/email-outbox.ts).
    index("email_deliveries_channel_due_idx").on(t.channelId, t.nextAttemptAt, t.id).where(sql`${t.status} IN ('queued', 'sending')`),
    index("email_deliveries_channel_claimed_idx").on(t.channelId, t.claimedAt),
    index("email_deliveries_conversation_idx").on(t.conversationId, t.id),
  ],
);

// An email conversation's thread: its subject and the token of its reply address
// (reply+<token>@<reply domain>), which is how a reply finds its conversation first.
export const emailThreads = pgTable(
  "email_threads",
  {
    conversationId: uuid("conversation_id")
      .primaryKey()
      .references(() => conversations.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    replyToken: text("reply_token").notNull(),
    subject: text("subject").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("email_threads_reply_token_key").on(t.replyToken)],
);

// Every RFC Message-ID Parley sent or received on an email channel, and the conversation (and
// message) it belongs to: how a reply's In-Reply-To/References find the thread, and, by the
// unique key, how a redelivered inbound mail lands once.
export const emailMessages = pgTable(
  "email_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    direction: emailDirectionEnum("direction").notNull(),
    rfcMessageId: text("rfc_message_id").notNull(),
    fromAddress: text("from_address"),
    subject: text("subject"),
    // An inbound mail's original, as received (lib/storage): downloadable by the workspace's agents.
    rawFileId: uuid("raw_file_id").references(() => storedFiles.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("email_messages_channel_rfc_key").on(t.channelId, t.rfcMessageId),
    index("email_messages_conversation_idx").on(t.conversationId, t.createdAt),
    index("email_messages_message_idx").on(t.messageId),
  ],
);

// A contact's consent per channel kind, as they (or an agent, the API, an import) chose it: no row
// means subscribed. Part 10's one-click List-Unsubscribe and Part 12's SMS keywords write it too.
export const contactChannelConsent = pgTable(
  "contact_channel_consent",
  {
    workspaceId: uuid("workspace_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    channelKind: channelKindEnum("channel_kind").notNull(),
    status: consentStatusEnum("status").notNull(),
    source: text("source").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "contact_channel_consent_pkey", columns: [t.contactId, t.channelKind] }),
    foreignKey({ name: "contact_channel_consent_contact_fk", columns: [t.workspaceId, t.contactId], foreignColumns: [contacts.workspaceId, contacts.id] }).onDelete(
      "cascade",
    ),
  ],
);

// Addresses that hard-bounced or complained, per workspace (lower-cased): skipped like an
// unsubscribed contact, whichever contact has the address now.
export const emailSuppressions = pgTable(
  "email_suppressions",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    address: text("address").notNull(),
    reason: suppressionReasonEnum("reason").notNull(),
    detail: text("detail"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "email_suppressions_pkey", columns: [t.workspaceId, t.address] })],
);

// The email sandbox transport's "network": what was sent to and received from pretend mailboxes,
// with each mail's raw MIME (a reply as the recipient is built from it and goes through the
// inbound path).
export const emailSandboxMessages = pgTable(
  "email_sandbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    direction: emailDirectionEnum("direction").notNull(),
    fromAddress: text("from_address").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    rfcMessageId: text("rfc_message_id").notNull(),
    raw: text("raw").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("email_sandbox_messages_rfc_key").on(t.channelId, t.rfcMessageId),
    index("email_sandbox_messages_list_idx").on(t.workspaceId, t.createdAt.desc()),
  ],
);

export type EmailDelivery = typeof emailDeliveries.$inferSelect;
export type EmailThread = typeof emailThreads.$inferSelect;
export type EmailSandboxMessage = typeof emailSandboxMessages.$inferSelect;
