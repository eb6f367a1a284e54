import { sql } from "drizzle-orm";
import { bigserial, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels";
import { conversations, messages } from "./conversations";
import { workspaces } from "./workspaces";

export const smsDeliveryStatusEnum = pgEnum("sms_delivery_status", ["queued", "sending", "sent", "delivered", "undelivered", "failed", "skipped"]);
export const smsDirectionEnum = pgEnum("sms_direction", ["outbound", "inbound"]);

// Outbox of text messages to send: a row per agent/bot message on an SMS channel, written by a
// trigger in the transaction that inserts the message (migration 0003, by hand), so no code
// path that writes a message can forget to send it. Also carries the provider's delivery status.
export const smsDeliveries = pgTable(
  "sms_deliveries",
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
    status: smsDeliveryStatusEnum("status").notNull().default("queued"),
    toNumber: text("to_number"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    // When the drain last took it: the channel's send rate counts the claims of the last second.
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    providerMessageId: text("provider_message_id"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sms_deliveries_message_key").on(t.messageId),
    index("sms_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} IN ('queued', 'sending')`),
    // The drain takes each channel's due rows in order (lib/outbox/delivery-outbox.ts).
    index("sms_deliveries_channel_due_idx").on(t.channelId, t.nextAttemptAt, t.id).where(sql`${t.status} IN ('queued', 'sending')`),
    index("sms_deliveries_channel_claimed_idx").on(t.channelId, t.claimedAt),
    index("sms_deliveries_conversation_idx").on(t.conversationId, t.id),
    // Status callbacks name the provider's id; ids are unique per provider account, so per channel.
    uniqueIndex("sms_deliveries_provider_key").on(t.channelId, t.providerMessageId),
  ],
);

// The SMS sandbox provider's "network": what was sent to and received from pretend phones.
export const smsSandboxMessages = pgTable(
  "sms_sandbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    direction: smsDirectionEnum("direction").notNull(),
    // The pretend phone's number (the contact's side), E.164.
    phone: text("phone").notNull(),
    body: text("body").notNull(),
    providerMessageId: text("provider_message_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sms_sandbox_messages_provider_key").on(t.channelId, t.providerMessageId),
    index("sms_sandbox_messages_phone_idx").on(t.workspaceId, t.channelId, t.phone, t.createdAt),
  ],
);

export type SmsDelivery = typeof smsDeliveries.$inferSelect;
export type SmsSandboxMessage = typeof smsSandboxMessages.$inferSelect;
