import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { uuidArray } from "../db/sql-params";

export type OutboxConversationEvent = "conversation.created" | "conversation.opened" | "conversation.closed";

const conversationJson = sql`jsonb_build_object(
  'id', c.id, 'state', c.state, 'origin', c.origin, 'direction', c.direction,
  'contactId', c.contact_id, 'channelId', c.channel_id,
  'customerDestination', c.customer_destination, 'customerIdentifier', c.customer_identifier,
  'externalRef', c.external_ref, 'openedAt', c.opened_at, 'closedAt', c.closed_at, 'createdAt', c.created_at)`;

// Only conversations created with "Create conversation in integrated 3rd party systems" on a
// channel whose integration is enabled and subscribed to the event (no list = every event).
const integrationJoin = (event: string) => sql`
  JOIN integrations i ON i.channel_id = c.channel_id AND i.workspace_id = c.workspace_id AND i.enabled
    AND (cardinality(i.events) = 0 OR ${event}::text = ANY(i.events))`;

/**
 * Writes webhook deliveries for conversation events in the caller's transaction (a transactional
 * outbox): the delivery exists if and only if the change it announces committed.
 */
export async function writeConversationOutbox(db: DbOrTx, event: OutboxConversationEvent, conversationIds: readonly string[]): Promise<void> {
  if (conversationIds.length === 0) return;
  await db.execute(sql`
    INSERT INTO webhook_deliveries (workspace_id, integration_id, conversation_id, event, payload)
    SELECT c.workspace_id, i.id, c.id, ${event}::text,
           jsonb_build_object('event', ${event}::text, 'occurredAt', now(), 'conversation', ${conversationJson})
    FROM conversations c ${integrationJoin(event)}
    WHERE c.id = ANY(${uuidArray(conversationIds)}) AND c.third_party`);
}

/** message.created for messages a contact can see; internal notes never leave Parley. */
export async function writeMessageOutbox(db: DbOrTx, messageIds: readonly string[]): Promise<void> {
  if (messageIds.length === 0) return;
  await db.execute(sql`
    INSERT INTO webhook_deliveries (workspace_id, integration_id, conversation_id, event, payload)
    SELECT c.workspace_id, i.id, c.id, 'message.created',
           jsonb_build_object('event', 'message.created', 'occurredAt', now(), 'conversation', ${conversationJson},
             'message', jsonb_build_object('id', m.id, 'authorType', m.author_type, 'authorName', m.author_name,
               'text', m.text, 'html', m.html, 'createdAt', m.created_at))
    FROM messages m JOIN conversations c ON c.id = m.conversation_id ${integrationJoin("message.created")}
    WHERE m.id = ANY(${uuidArray(messageIds)}) AND m.kind = 'message' AND c.third_party`);
}

/** Channels among these with an enabled integration: a batch whose channel has none skips the outbox. */
export async function channelsWithIntegration(db: DbOrTx, channelIds: readonly string[]): Promise<Set<string>> {
  if (channelIds.length === 0) return new Set();
  const rows = await db.execute<{ channel_id: string }>(sql`
    SELECT DISTINCT channel_id FROM integrations WHERE enabled AND channel_id = ANY(${uuidArray(channelIds)})`);
  return new Set(rows.rows.map((row) => row.channel_id));
}
