import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels";
import { contacts } from "./contacts";
import { suppressionReasonEnum } from "./email";
import { workspaces } from "./workspaces";

// Phone numbers that cannot take texts (a provider's permanent failure, or marked by the team),
// per workspace, E.164: SMS's counterpart of email_suppressions. A contact's SMS consent reads
// "bouncing" while their number is here, whichever contact has it (lib/consent/contact-consent.ts).
export const smsSuppressions = pgTable(
  "sms_suppressions",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    phone: text("phone").notNull(),
    reason: suppressionReasonEnum("reason").notNull(),
    detail: text("detail"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "sms_suppressions_pkey", columns: [t.workspaceId, t.phone] })],
);

// Texts that were a carrier keyword (STOP, START, HELP and their synonyms): recorded here, never in
// a conversation, so they open nothing, resume no Branch and meet no goal. The provider's id makes
// a redelivered webhook act (and answer) once.
export const smsKeywordMessages = pgTable(
  "sms_keyword_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    // Erasing the contact erases their keyword texts (the number and what it sent).
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "cascade" }),
    phone: text("phone").notNull(),
    keyword: text("keyword").notNull(),
    body: text("body").notNull(),
    providerMessageId: text("provider_message_id").notNull(),
    reply: text("reply").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sms_keyword_messages_provider_key").on(t.channelId, t.providerMessageId),
    index("sms_keyword_messages_contact_idx").on(t.contactId, t.createdAt),
  ],
);
