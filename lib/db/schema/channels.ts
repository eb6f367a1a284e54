import { sql } from "drizzle-orm";
import { boolean, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channelKindEnum } from "./enums";
import { workspaces } from "./workspaces";

export const channels = pgTable(
  "channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: channelKindEnum("kind").notNull(),
    name: text("name").notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    // Provider settings (SMS provider, from-number); never secrets shown back to the browser.
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    // HMAC key for identity verification on the chat page; must stay readable to verify signatures.
    identitySecret: text("identity_secret").notNull(),
    // Chat channels: the website origins that may frame the chat page (CSP frame-ancestors);
    // empty means any website may.
    allowedOrigins: text("allowed_origins").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Target of the (workspace_id, channel_id) foreign keys: a conversation is on a channel of its own workspace.
    unique("channels_workspace_id_key").on(t.workspaceId, t.id),
    // At most one default channel per kind in a workspace.
    uniqueIndex("channels_one_default_key").on(t.workspaceId, t.kind).where(sql`${t.isDefault}`),
    // Mail to an email channel's reply domain without a reply token goes to that channel: one
    // channel per reply domain on the install (lib/email/smtp-listener.ts routes by it).
    // Other kinds have no reply domain (NULL, never a clash), so no predicate is needed; one on
    // kind = 'email' would be refused in the migration run that adds 'email' to the enum.
    uniqueIndex("channels_email_reply_domain_key").on(sql`lower(${t.config} ->> 'replyDomain')`),
  ],
);

export const integrations = pgTable(
  "integrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    webhookUrl: text("webhook_url").notNull(),
    // HMAC signing key for outbound webhooks; shown once, kept to sign each delivery.
    signingSecret: text("signing_secret").notNull(),
    events: text("events").array().notNull().default(sql`'{}'::text[]`),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("integrations_channel_key").on(t.channelId)],
);

export type Channel = typeof channels.$inferSelect;
export type Integration = typeof integrations.$inferSelect;
