import { sql } from "drizzle-orm";
import { type AnyPgColumn, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels";
import { users, workspaces } from "./workspaces";

export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    externalId: text("external_id"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    email: text("email"),
    phone: text("phone"),
    company: text("company"),
    attributes: jsonb("attributes").$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    // Kept by the conversation state machine so audience filters stay one indexed predicate.
    lastConversationOpenedAt: timestamp("last_conversation_opened_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // Set when a large erasure has taken this contact and its job has not reached it yet: every
    // reader of contacts (lib/contacts/live-contact.ts) treats such a contact as gone.
    erasureId: uuid("erasure_id").references((): AnyPgColumn => contactErasures.id, { onDelete: "set null" }),
  },
  (t) => [
    // Target of the (workspace_id, contact_id) foreign keys: a row can only point at a contact of its own workspace.
    unique("contacts_workspace_id_key").on(t.workspaceId, t.id),
    uniqueIndex("contacts_workspace_external_id_key").on(t.workspaceId, t.externalId),
    // One contact per email (ignoring case) and per phone in a workspace: a clash is refused by name
    // (lib/contacts/contact-uniqueness.ts); drizzle/0014 resolved the duplicates older data had.
    uniqueIndex("contacts_workspace_email_key").on(t.workspaceId, sql`lower(${t.email})`),
    uniqueIndex("contacts_workspace_phone_key").on(t.workspaceId, t.phone),
    index("contacts_workspace_last_opened_idx").on(t.workspaceId, t.lastConversationOpenedAt),
    index("contacts_tags_idx").using("gin", t.tags),
    // The API's contact list pages by (updated_at, id); "updated since" is a range of it.
    index("contacts_workspace_updated_idx").on(t.workspaceId, t.updatedAt, t.id),
    index("contacts_erasure_idx").on(t.erasureId).where(sql`${t.erasureId} IS NOT NULL`),
  ],
);

export const chatSessions = pgTable(
  "chat_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("chat_sessions_contact_idx").on(t.contactId, t.channelId)],
);

export type Contact = typeof contacts.$inferSelect;
export type ChatSession = typeof chatSessions.$inferSelect;

// Fixed one-minute windows of messages a contact sent from the chat, in Postgres so every web
// process counts the same sends; old windows are deleted by the api-housekeeping task.
export const chatRateLimits = pgTable(
  "chat_rate_limits",
  {
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.windowStart] })],
);

export const contactErasureStatusEnum = pgEnum("contact_erasure_status", ["running", "done"]);

/**
 * A large erasure (a selection above ERASE_NOW_LIMIT) in progress or done: the contacts it took
 * carry its id (contacts.erasure_id) until the contact-erase job deletes them in batches. Holds
 * counts and ids only, nothing of the people erased.
 */
export const contactErasures = pgTable("contact_erasures", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
  status: contactErasureStatusEnum("status").notNull().default("running"),
  total: integer("total").notNull(),
  erased: integer("erased").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

/**
 * External ids of contacts merged into another: the API, the chat identity and imports that name
 * one of these reach the survivor (lib/contacts/resolve-contact.ts). Erased with the survivor.
 */
export const contactAliases = pgTable(
  "contact_aliases",
  {
    workspaceId: uuid("workspace_id").notNull(),
    externalId: text("external_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.externalId] }),
    foreignKey({ name: "contact_aliases_contact_fk", columns: [t.workspaceId, t.contactId], foreignColumns: [contacts.workspaceId, contacts.id] }).onDelete(
      "cascade",
    ),
    index("contact_aliases_contact_idx").on(t.contactId),
  ],
);

export type ContactErasure = typeof contactErasures.$inferSelect;
export type ContactAlias = typeof contactAliases.$inferSelect;

/**
 * The workspace's tags, one row each: what the tag editor's autocomplete and the filter's tag
 * picker list, without reading every contact's tags (a million of them). Kept by statement-level
 * triggers on contacts (drizzle/0019, by hand: drizzle cannot declare triggers), so no code path
 * that writes tags can forget it; tags no contact carries any more are pruned by the
 * contacts-housekeeping task.
 */
export const contactTags = pgTable(
  "contact_tags",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.tag] })],
);
