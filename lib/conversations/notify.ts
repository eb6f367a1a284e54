import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { jsonbParam } from "../db/sql-params";
import { LIVE_CHANNEL } from "../live/live-event";

export type ConversationEventType =
  | "conversation.created"
  | "conversation.opened"
  | "conversation.assigned"
  | "conversation.priority_changed"
  | "conversation.snoozed"
  | "conversation.woken"
  | "conversation.closed"
  | "conversation.reopened"
  | "message.created";

export type ConversationNotification = { workspaceId: string; conversationId: string; type: ConversationEventType };

/**
 * NOTIFYs inside the caller's transaction: Postgres delivers them only if it commits, so a
 * listener never hears of a change that was rolled back. Many events go in one statement. Each
 * also names the conversation's contact, so a contact's chat stream skips the others' events
 * without a query.
 */
export async function notifyConversationEvents(db: DbOrTx, events: readonly ConversationNotification[]): Promise<void> {
  if (events.length === 0) return;
  await db.execute(sql`
    SELECT pg_notify(${LIVE_CHANNEL}, (e || jsonb_build_object('contactId', (
      SELECT c.contact_id FROM conversations c WHERE c.id = (e->>'conversationId')::uuid AND c.workspace_id = (e->>'workspaceId')::uuid)))::text)
    FROM jsonb_array_elements(${jsonbParam(events)}) AS e`);
}

export function notifyConversations(
  db: DbOrTx,
  type: ConversationEventType,
  rows: readonly { workspaceId: string; conversationId: string }[],
): Promise<void> {
  return notifyConversationEvents(
    db,
    rows.map((row) => ({ workspaceId: row.workspaceId, conversationId: row.conversationId, type })),
  );
}
