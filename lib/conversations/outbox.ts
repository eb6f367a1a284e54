import { and, eq, sql } from "drizzle-orm";
import { externalAttachments } from "@/lib/attachments/external-attachments";
import { integrations } from "@/lib/db/schema/channels";
import { uuidArray } from "@/lib/db/sql-params";
import type { ServiceContext } from "@/lib/services/service-context";

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

// Raw SQL on purpose: each writer is one INSERT ... SELECT for a whole batch of conversations
// (a fan-out's third-party campaigns), building the payload in Postgres.

/**
 * Writes webhook deliveries for conversation events in the service's transaction (a transactional
 * outbox): the delivery exists if and only if the change it announces committed.
 */
export async function writeConversationOutbox(
  ctx: ServiceContext,
  input: { event: OutboxConversationEvent; conversationIds: readonly string[] },
): Promise<void> {
  const { event, conversationIds } = input;
  if (conversationIds.length === 0) return;
  await ctx.tx.execute(sql`
    INSERT INTO webhook_deliveries (workspace_id, integration_id, conversation_id, event, payload)
    SELECT c.workspace_id, i.id, c.id, ${event}::text,
           jsonb_build_object('event', ${event}::text, 'occurredAt', now(), 'conversation', ${conversationJson})
    FROM conversations c ${integrationJoin(event)}
    WHERE c.id = ANY(${uuidArray(conversationIds)}) AND c.workspace_id = ${ctx.workspace.id} AND c.third_party`);
}

/** message.created for messages a contact can see; internal notes never leave Parley. */
export async function writeMessageOutbox(ctx: ServiceContext, input: { messageIds: readonly string[] }): Promise<void> {
  const { messageIds } = input;
  if (messageIds.length === 0) return;
  // Signed, expiring URLs made now, so every attempt of a delivery sends the same bytes.
  const attachments = await externalAttachments(ctx.tx, ctx.workspace.id, messageIds);
  await ctx.tx.execute(sql`
    INSERT INTO webhook_deliveries (workspace_id, integration_id, conversation_id, event, payload)
    SELECT c.workspace_id, i.id, c.id, 'message.created',
           jsonb_build_object('event', 'message.created', 'occurredAt', now(), 'conversation', ${conversationJson},
             'message', jsonb_build_object('id', m.id, 'authorType', m.author_type, 'authorName', m.author_name,
               'text', m.text, 'html', m.html, 'createdAt', m.created_at,
               'attachments', coalesce(${JSON.stringify(attachments)}::jsonb -> m.id::text, '[]'::jsonb)))
    FROM messages m JOIN conversations c ON c.id = m.conversation_id ${integrationJoin("message.created")}
    WHERE m.id = ANY(${uuidArray(messageIds)}) AND m.workspace_id = ${ctx.workspace.id} AND m.kind = 'message' AND c.third_party`);
}

/** Channels among these with an enabled integration: a batch whose channel has none skips the outbox. */
export async function channelsWithIntegration(ctx: ServiceContext, channelIds: readonly string[]): Promise<Set<string>> {
  if (channelIds.length === 0) return new Set();
  const rows = await ctx.tx
    .selectDistinct({ channelId: integrations.channelId })
    .from(integrations)
    .where(and(eq(integrations.workspaceId, ctx.workspace.id), eq(integrations.enabled, true), sql`${integrations.channelId} = ANY(${uuidArray(channelIds)})`));
  return new Set(rows.map((row) => row.channelId));
}
