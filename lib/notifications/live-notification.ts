import { sql, type Placeholder, type SQL, type SQLWrapper } from "drizzle-orm";
import { contactDisplayName } from "@/lib/contacts/display-name";
import type { DbOrTx } from "@/lib/db/client";
import type { LiveEvent } from "@/lib/live/live-event";
import { uuidArray } from "@/lib/db/sql-params";
import { executeNamed } from "@/lib/db/named-statement";
import { notificationPreferences } from "@/lib/db/schema/notifications";

/** What a signed-in agent's browser is told to notify about (a desktop notification and the tab title's count). */
export type LiveNotification = {
  kind: "new_conversation" | "contact_message";
  conversationId: string;
  /** The notification's identity: every tab (and the browser) dedupes on it. */
  key: string;
  title: string;
  body: string;
  /** The agent's choice: a desktop notification too, or only the count in the tab title. */
  desktop: boolean;
};

/** The events that can concern an agent personally; the others never cost a query. */
const NOTIFYING_EVENTS = new Set(["conversation.created", "conversation.opened", "conversation.reopened", "conversation.woken", "conversation.assigned", "message.created"]);

const PREVIEW_CHARS = 120;

type Row = {
  user_id: string;
  state: string;
  mine: boolean;
  in_my_queue: boolean;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  preview: string;
  last_author: string | null;
  last_message_id: string | null;
  new_conversation: boolean;
  contact_message: boolean;
  desktop: boolean;
};

/**
 * The rows of one event for several agents, in one query. Raw SQL: one round trip joining the
 * conversation, its latest message, each agent's teams and preferences.
 */
async function rowsFor(db: DbOrTx, userIds: readonly string[], event: LiveEvent): Promise<Map<string, Row>> {
  // Named: every contact message asks it, and its plan is the same whoever asks (lib/db/named-statement.ts).
  const result = await executeNamed<Row>(db, "live_notification_rows", sql`
    SELECT u.user_id, c.state,
      c.assignee_user_id IS NOT DISTINCT FROM u.user_id AS mine,
      (c.assignee_user_id IS NULL AND EXISTS (
        SELECT 1 FROM team_members tm WHERE tm.team_id = c.assignee_team_id AND tm.user_id = u.user_id)) AS in_my_queue,
      k.first_name, k.last_name, k.email, k.phone, c.last_message_preview AS preview,
      last.author_type AS last_author, last.id AS last_message_id,
      coalesce(p.new_conversation, true) AS new_conversation,
      coalesce(p.contact_message, true) AS contact_message,
      coalesce(p.desktop, true) AS desktop
    FROM conversations c
    JOIN contacts k ON k.id = c.contact_id
    CROSS JOIN unnest(${uuidArray(userIds)}) AS u(user_id)
    LEFT JOIN notification_preferences p ON p.user_id = u.user_id
    LEFT JOIN LATERAL (
      SELECT m.id, m.author_type FROM messages m
      WHERE m.conversation_id = c.id AND m.kind = 'message'
      ORDER BY m.created_at DESC, m.id DESC LIMIT 1) last ON true
    WHERE c.id = ${event.conversationId} AND c.workspace_id = ${event.workspaceId} AND c.state = 'open'
      -- Only the agents it can concern get a row: the assignee, or the queue's team members.
      AND (c.assignee_user_id = u.user_id OR (c.assignee_user_id IS NULL AND EXISTS (
        SELECT 1 FROM team_members tm WHERE tm.team_id = c.assignee_team_id AND tm.user_id = u.user_id)))`);
  return new Map(result.rows.map((row) => [row.user_id, row]));
}

type Batch = { db: DbOrTx; waiting: Map<string, { resolve: (row: Row | undefined) => void; reject: (error: unknown) => void }[]> };

// Every open inbox stream of this process asks about the same event in the same tick (the
// listener hands one event object to all of them): they share one query rather than one each,
// so 100 agents' streams cost one round trip per event, not 100.
const batches = new WeakMap<LiveEvent, Batch>();

function rowFor(db: DbOrTx, userId: string, event: LiveEvent): Promise<Row | undefined> {
  let batch = batches.get(event);
  if (batch && batch.db !== db) return rowsFor(db, [userId], event).then((rows) => rows.get(userId));
  if (!batch) {
    const started: Batch = { db, waiting: new Map() };
    batches.set(event, started);
    batch = started;
    setImmediate(() => {
      batches.delete(event);
      rowsFor(db, [...started.waiting.keys()], event).then(
        (rows) => {
          for (const [user, waiters] of started.waiting) for (const waiter of waiters) waiter.resolve(rows.get(user));
        },
        (error: unknown) => {
          for (const waiters of started.waiting.values()) for (const waiter of waiters) waiter.reject(error);
        },
      );
    });
  }
  const waiting = batch.waiting;
  return new Promise((resolve, reject) => waiting.set(userId, [...(waiting.get(userId) ?? []), { resolve, reject }]));
}

/**
 * Whether this event may concern this agent, as far as the event alone says: false for the event
 * types that never notify, for the agent's own actions, and for a contact's message in a
 * conversation the event names another assignee of (lib/conversations/notify.ts). Every open
 * inbox hears every event of its workspace; only the streams this answers true for ask the
 * database (liveNotificationFor), the others pass the event on at once.
 */
export function mayConcern(userId: string, event: LiveEvent): event is LiveEvent & { conversationId: string } {
  if (!event.conversationId || !NOTIFYING_EVENTS.has(event.type) || event.actorUserId === userId) return false;
  return !(event.type === "message.created" && event.assigneeUserId && event.assigneeUserId !== userId);
}

/**
 * The `assigneeNotice` field (jsonb, empty with no assignee) of a contact's message event written
 * with the message: everything liveNotificationFor would read for the assignee, so their stream
 * asks no query. The assignee's preferences as the message's transaction reads them.
 */
export function assigneeNoticeField(values: {
  assigneeUserId: SQLWrapper;
  messageId: Placeholder;
  contact: { firstName: Placeholder; lastName: Placeholder; email: Placeholder; phone: Placeholder };
  preview: Placeholder;
}): SQL {
  // Both preferences from one read of the assignee's row; both on when they have none (as rowsFor reads them).
  const preferences = sql`coalesce((
    SELECT jsonb_build_object('contactMessage', ${notificationPreferences.contactMessage}, 'desktop', ${notificationPreferences.desktop})
    FROM ${notificationPreferences} WHERE ${notificationPreferences.userId} = ${values.assigneeUserId}), '{"contactMessage": true, "desktop": true}'::jsonb)`;
  const { contact } = values;
  return sql`CASE WHEN ${values.assigneeUserId} IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('assigneeNotice', jsonb_build_object(
    'messageId', ${values.messageId}::uuid, 'firstName', ${contact.firstName}::text, 'lastName', ${contact.lastName}::text,
    'email', ${contact.email}::text, 'phone', ${contact.phone}::text, 'preview', ${values.preview}::text) || ${preferences}) END`;
}

/** The row rowsFor would find for the assignee, from what their message's event carries; undefined when it carries none for this agent. */
function carriedRow(userId: string, event: LiveEvent): Row | undefined {
  const notice = event.assigneeNotice;
  if (event.type !== "message.created" || !notice || event.assigneeUserId !== userId) return undefined;
  return {
    user_id: userId,
    // Written only with a message to an open conversation, by the contact, assigned to this agent.
    state: "open",
    mine: true,
    in_my_queue: false,
    first_name: notice.firstName,
    last_name: notice.lastName,
    email: notice.email,
    phone: notice.phone,
    preview: notice.preview,
    last_author: "contact",
    last_message_id: notice.messageId,
    // Not read for a message's notification.
    new_conversation: false,
    contact_message: notice.contactMessage,
    desktop: notice.desktop,
  };
}

/**
 * Whether this live event is, for this agent, a new conversation in their inbox or one of their
 * teams' queues, or a contact's message in a conversation assigned to them; and whether they
 * want to hear of it. Asked only when the event may concern them (mayConcern); the agents asking
 * about one event share one query, and a contact's message that carries its assignee's notice
 * (assigneeNoticeField) needs none.
 */
export async function liveNotificationFor(db: DbOrTx, userId: string, event: LiveEvent): Promise<LiveNotification | null> {
  if (!mayConcern(userId, event)) return null;
  const row = carriedRow(userId, event) ?? (await rowFor(db, userId, event));
  if (!row) return null;
  const who = contactDisplayName({ firstName: row.first_name, lastName: row.last_name, email: row.email, phone: row.phone });
  const body = row.preview.length > PREVIEW_CHARS ? `${row.preview.slice(0, PREVIEW_CHARS - 1).trimEnd()}…` : row.preview;
  const conversationId = event.conversationId;

  if (event.type === "message.created") {
    if (!row.mine || !row.contact_message || row.last_author !== "contact" || !row.last_message_id) return null;
    return { kind: "contact_message", conversationId, key: `message:${row.last_message_id}`, title: `New message from ${who}`, body, desktop: row.desktop };
  }
  if (!row.new_conversation || !(row.mine || row.in_my_queue)) return null;
  return {
    kind: "new_conversation",
    conversationId,
    // One notification per conversation arriving in this agent's inbox or queue, however many
    // events announce it (created, then assigned by a workflow in the same breath).
    key: `conversation:${conversationId}:${row.mine ? "mine" : "queue"}`,
    title: row.mine ? `${who}: a conversation for you` : `${who}: new in your team's queue`,
    body,
    desktop: row.desktop,
  };
}

