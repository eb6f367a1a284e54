import { bigserial, index, jsonb, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { contacts } from "./contacts";

/**
 * Every live event that is not ephemeral (typing and seen are), written in the same statement and
 * transaction as its NOTIFY. The id is what a stream sends as the SSE `id:` and what a browser's
 * EventSource sends back as Last-Event-ID when it reconnects — to this web process or to another
 * one, since every process shares the sequence. Kept for LIVE_EVENT_RETENTION (lib/live/live-event-log.ts),
 * then pruned as a prefix by id by the live-events-prune task.
 */
export const liveEvents = pgTable(
  "live_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // No foreign key: an event may be the news of its workspace going away, and rows only live
    // for the retention window anyway.
    workspaceId: uuid("workspace_id").notNull(),
    /** The conversation's contact, so a contact's replay reads only their own events. Goes with the contact (erasure, merge). */
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "cascade" }),
    /** The LiveEvent as NOTIFYed (without its id). */
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("live_events_workspace_id_idx").on(table.workspaceId, table.id), index("live_events_created_at_idx").on(table.createdAt), index("live_events_contact_id_idx").on(table.contactId)],
);
