import { sql } from "drizzle-orm";
import { uuidArray } from "@/lib/db/sql-params";
import type { ServiceContext } from "@/lib/services/service-context";

/**
 * Writes `contact.deleted` to the webhook outbox, in the erasure's transaction, for every
 * integration that was told about the contact: the channel's integration of each of their
 * conversations created in the third-party system (the same rule as the conversation events:
 * enabled, and subscribed to the event or to every event). One delivery per (integration,
 * contact), naming the contact (id, external id) and those conversations (id, external ref) so
 * the receiver can erase its copy; nothing else of the person. Call before deleting.
 *
 * Raw SQL on purpose: one INSERT ... SELECT for a whole batch of contacts, like the conversation
 * outbox (lib/conversations/outbox.ts).
 */
export async function writeContactDeletedOutbox(ctx: ServiceContext, contactIds: readonly string[]): Promise<void> {
  if (contactIds.length === 0) return;
  await ctx.tx.execute(sql`
    INSERT INTO webhook_deliveries (workspace_id, integration_id, conversation_id, event, payload)
    SELECT k.workspace_id, i.id, NULL, 'contact.deleted',
           jsonb_build_object('event', 'contact.deleted', 'occurredAt', now(),
             'contact', jsonb_build_object('id', k.id, 'externalId', k.external_id),
             'conversations', jsonb_agg(jsonb_build_object('id', c.id, 'externalRef', c.external_ref) ORDER BY c.created_at, c.id))
    FROM contacts k
    JOIN conversations c ON c.contact_id = k.id AND c.workspace_id = k.workspace_id AND c.third_party
    JOIN integrations i ON i.channel_id = c.channel_id AND i.workspace_id = c.workspace_id AND i.enabled
      AND (cardinality(i.events) = 0 OR 'contact.deleted' = ANY(i.events))
    WHERE k.id = ANY(${uuidArray(contactIds)}) AND k.workspace_id = ${ctx.workspace.id}
    GROUP BY k.workspace_id, k.id, k.external_id, i.id`);
}
