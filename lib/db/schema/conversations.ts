import { sql, type SQL } from "drizzle-orm";
import { boolean, check, customType, foreignKey, index, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels";
import { contacts } from "./contacts";
import {
  authorTypeEnum,
  conversationDirectionEnum,
  conversationOriginEnum,
  conversationStateEnum,
  messageKindEnum,
  openModeEnum,
  outreachStatusEnum,
  priorityEnum,
} from "./enums";
import { teams, users, workspaces } from "./workspaces";

/** Who a conversation goes to when it opens; decided when it starts, applied on open. */
export type AssignOnOpen =
  | { type: "unassigned" }
  | { type: "user"; userId: string }
  | { type: "team"; teamId: string }
  | { type: "high_priority" }
  | { type: "round_robin"; teamId: string };

// drizzle has no tsvector column; it is only ever written by PostgreSQL (a generated column).
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Checked through the composite foreign keys below (contact and channel of this workspace).
    workspaceId: uuid("workspace_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    channelId: uuid("channel_id").notNull(),
    origin: conversationOriginEnum("origin").notNull(),
    workflowId: uuid("workflow_id"),
    workflowVersionId: uuid("workflow_version_id"),
    // The run that started it (with workflowId and workflowVersionId: its workflow and version).
    // No foreign key on purpose: a fan-out writes a conversation per contact, and each key is a
    // lookup and a row lock per row. The engine writes all three from the run, in the run's own
    // transaction; deleting runs or versions unlinks their conversations (the statement-level
    // triggers workflow_runs_unlink_conversations and workflow_versions_unlink_conversations,
    // hand-written migration fanout-conversation-links), which is what the keys' SET NULL did.
    runId: uuid("run_id"),
    nodeId: text("node_id"),
    direction: conversationDirectionEnum("direction").notNull().default("to_contact"),
    openMode: openModeEnum("open_mode").notNull().default("immediately"),
    state: conversationStateEnum("state").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    repliedAt: timestamp("replied_at", { withTimezone: true }),
    snoozedUntil: timestamp("snoozed_until", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    lastMessagePreview: text("last_message_preview").notNull().default(""),
    // Set while the contact's latest message has no agent answer: drives "waiting longest".
    waitingSince: timestamp("waiting_since", { withTimezone: true }),
    assigneeUserId: uuid("assignee_user_id").references(() => users.id, { onDelete: "set null" }),
    assigneeTeamId: uuid("assignee_team_id").references(() => teams.id, { onDelete: "set null" }),
    priority: priorityEnum("priority").notNull().default("normal"),
    assignOnOpen: jsonb("assign_on_open").$type<AssignOnOpen>().notNull().default({ type: "unassigned" }),
    senderUserId: uuid("sender_user_id").references(() => users.id, { onDelete: "set null" }),
    customerDestination: text("customer_destination"),
    customerIdentifier: text("customer_identifier"),
    externalRef: text("external_ref"),
    thirdParty: boolean("third_party").notNull().default(false),
    // The delivery status of a workflow's first message (Start a Conversation, to the contact):
    // NULL for every other conversation. Only ever moves forward (lib/outreach-status).
    outreachStatus: outreachStatusEnum("outreach_status"),
    outreachStatusAt: timestamp("outreach_status_at", { withTimezone: true }),
    // When it left (a chat's at once; a text's or an email's when the outbox sent it): the results chart's sends.
    outreachSentAt: timestamp("outreach_sent_at", { withTimezone: true }),
    // Why it failed (the provider's or the outbox's words).
    outreachReason: text("outreach_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One conversation per (run, node): the node's side effect is idempotent by constraint.
    uniqueIndex("conversations_run_node_key").on(t.runId, t.nodeId),
    // Campaigns are written a hundred thousand at a time, and every foreign key is a lookup per row:
    // the composite keys check "same workspace" and the parent in one lookup each.
    foreignKey({ name: "conversations_contact_fk", columns: [t.workspaceId, t.contactId], foreignColumns: [contacts.workspaceId, contacts.id] }).onDelete(
      "cascade",
    ),
    // A channel that still has conversations cannot be deleted.
    foreignKey({ name: "conversations_channel_fk", columns: [t.workspaceId, t.channelId], foreignColumns: [channels.workspaceId, channels.id] }),
    // Deleting a workflow deletes its versions, which leaves its conversations in place, unlinked
    // (by trigger, see runId).
    check("conversations_workflow_version_pair", sql`(${t.workflowId} IS NULL) = (${t.workflowVersionId} IS NULL)`),
    // Target of messages' (workspace_id, conversation_id) foreign key.
    unique("conversations_workspace_id_key").on(t.workspaceId, t.id),
    // The inbox only ever lists opened conversations; these partial indexes serve its views. Each
    // ends in (last_message_at, id) in the list's exact ORDER BY (DESC is NULLS FIRST in SQL), so a
    // first page is an index range scan + LIMIT whatever the planner estimates. Campaigns
    // (opened_at NULL, ~95% of rows) never enter them, so they cost nothing on outreach writes.
    index("conversations_inbox_all_idx")
      .on(t.workspaceId, t.state, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.openedAt} IS NOT NULL`),
    index("conversations_inbox_assignee_idx")
      .on(t.workspaceId, t.assigneeUserId, t.state, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.openedAt} IS NOT NULL`),
    index("conversations_inbox_team_idx")
      .on(t.workspaceId, t.assigneeTeamId, t.state, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.openedAt} IS NOT NULL`),
    index("conversations_inbox_unassigned_idx")
      .on(t.workspaceId, t.state, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.openedAt} IS NOT NULL AND ${t.assigneeUserId} IS NULL AND ${t.assigneeTeamId} IS NULL`),
    index("conversations_inbox_priority_idx")
      .on(t.workspaceId, t.state, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.openedAt} IS NOT NULL AND ${t.priority} = 'high'`),
    index("conversations_inbox_origin_idx")
      .on(t.workspaceId, t.origin, t.state, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.openedAt} IS NOT NULL`),
    // The "priority first" and "waiting longest" sorts of the whole inbox.
    index("conversations_inbox_priority_sort_idx")
      .on(t.workspaceId, t.state, t.priority.desc().nullsFirst(), t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.openedAt} IS NOT NULL`),
    index("conversations_inbox_waiting_sort_idx")
      .on(t.workspaceId, t.state, sql`coalesce(${t.waitingSince}, 'infinity'::timestamptz)`, t.id)
      .where(sql`${t.openedAt} IS NOT NULL`),
    // A contact's page, and a reply looking for the campaign it answers (a contact has few
    // conversations, so a separate campaign index would only cost every outreach write).
    index("conversations_contact_idx").on(t.contactId, t.createdAt.desc()),
    // A workflow's results page (lib/results): the recipients table walks it newest first (a
    // backward scan); the trailing columns (drizzle has no INCLUDE) make the funnel, the chart and
    // the funnel per Split path (run_id, joined to run_steps_split_idx) index-only scans. It is
    // also the lookup by workflow that deleting a workflow's version needs (the SET NULL foreign
    // key), so no other index on workflow_id: a fan-out pays for this one entry per conversation.
    // Ascending on purpose: a fan-out's conversations arrive in (created_at, id) order, so each
    // lands at the end of its workflow's range and full pages stay full; a descending index puts
    // every new entry at the front of the range, splitting pages in half a thousand times a batch.
    index("conversations_workflow_results_idx").on(
      t.workflowId,
      t.workspaceId,
      t.createdAt,
      t.id,
      t.nodeId,
      t.outreachStatus,
      t.outreachSentAt,
      t.outreachStatusAt,
      t.runId,
    ),
    index("conversations_snoozed_idx").on(t.snoozedUntil).where(sql`${t.state} = 'snoozed'`),
  ],
);

// An agent's or bot's message on an SMS channel gets its sms_deliveries row from a trigger
// (messages_queue_sms, migration 0003, by hand: drizzle cannot declare triggers).
export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    kind: messageKindEnum("kind").notNull().default("message"),
    authorType: authorTypeEnum("author_type").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    authorContactId: uuid("author_contact_id").references(() => contacts.id, { onDelete: "set null" }),
    authorName: text("author_name"),
    // Tiptap JSON with variables already resolved; html and text are rendered from it on the server.
    body: jsonb("body").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    // Makes retried writes (a re-run node, a resent API call, a double-clicked send) land once.
    dedupeKey: text("dedupe_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // False only for the first message of a campaign that has not opened: the inbox never shows
    // it, and a fan-out writes a hundred thousand of them, each of which would otherwise pay for
    // to_tsvector and a GIN entry. Opening the conversation sets it (lib/conversations/open-conversation.ts).
    searchable: boolean("searchable").notNull().default(true),
    // The inbox search's words (lib/db/queries/inbox-search.ts), kept by PostgreSQL itself. The
    // configuration must stay the one the search's queries name ('english').
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      (): SQL => sql`CASE WHEN ${messages.searchable} THEN to_tsvector('english'::regconfig, ${messages.text}) END`,
    ),
  },
  (t) => [
    index("messages_conversation_idx").on(t.conversationId, t.createdAt),
    // Only searchable messages have words: a campaign's unopened first messages (NULL) get no
    // entry. The search's `search_vector @@ query` implies IS NOT NULL, so it still uses it.
    index("messages_search_idx").using("gin", t.searchVector).where(sql`${t.searchVector} IS NOT NULL`),
    foreignKey({
      name: "messages_conversation_fk",
      columns: [t.workspaceId, t.conversationId],
      foreignColumns: [conversations.workspaceId, conversations.id],
    }).onDelete("cascade"),
    uniqueIndex("messages_dedupe_key").on(t.conversationId, t.dedupeKey),
  ],
);

export const conversationViews = pgTable(
  "conversation_views",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    ownerUserId: uuid("owner_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    shared: boolean("shared").notNull().default(false),
    filters: jsonb("filters").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("conversation_views_workspace_idx").on(t.workspaceId)],
);

export type Conversation = typeof conversations.$inferSelect;
export type ConversationState = Conversation["state"];
export type Message = typeof messages.$inferSelect;
export type ConversationView = typeof conversationViews.$inferSelect;
